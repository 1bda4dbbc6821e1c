import { RecordingLogger } from "@megawatts/testing/fakes";
import { describe, expect, it } from "vitest";
import { createMemoryCache } from "../cache/memory-cache.ts";
import type { Cache } from "../cache/ports.ts";
import { checkDependencies } from "../health/check-dependencies.ts";
import { Breakers, breakerHealthCheck, isBrokenCircuit } from "./breakers.ts";
import { PermanentError } from "./failure.ts";
import { degradingCache } from "./guards.ts";

const refused = () => Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });

describe("Breakers", () => {
  it("opens after consecutive transient failures and then refuses calls without making them", async () => {
    const breakers = new Breakers({ failures: 3, halfOpenAfterMs: 60_000 });
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw refused();
    };
    for (let attempt = 0; attempt < 3; attempt++)
      await expect(breakers.run("pinecone", failing)).rejects.toThrow();

    const refusal = await breakers.run("pinecone", failing).catch((error: unknown) => error);

    expect(isBrokenCircuit(refusal)).toBe(true);
    expect(calls).toBe(3);
    expect(breakers.states()).toEqual([{ service: "pinecone", state: "open" }]);
  });

  it("does not count permanent failures against the service", async () => {
    const breakers = new Breakers({ failures: 2 });
    for (let attempt = 0; attempt < 5; attempt++)
      await expect(
        breakers.run("openai", async () => {
          throw new PermanentError("bad request");
        }),
      ).rejects.toThrow("bad request");

    expect(breakers.states()).toEqual([{ service: "openai", state: "closed" }]);
  });

  it("keeps one breaker per service", async () => {
    const breakers = new Breakers({ failures: 1, halfOpenAfterMs: 60_000 });
    await expect(breakers.run("upstash", async () => Promise.reject(refused()))).rejects.toThrow();

    expect(await breakers.run("discord", async () => "sent")).toBe("sent");
    expect(breakers.states()).toEqual([
      { service: "upstash", state: "open" },
      { service: "discord", state: "closed" },
    ]);
  });

  it("shows an open breaker in /status as degraded, naming the service", async () => {
    const breakers = new Breakers({ failures: 1, halfOpenAfterMs: 60_000 });
    await expect(breakers.run("pinecone", async () => Promise.reject(refused()))).rejects.toThrow();

    const [status] = await checkDependencies([breakerHealthCheck(breakers)], {
      timeoutMs: 1000,
      slowMs: 1000,
    });

    expect(status?.state).toBe("degraded");
    expect(status?.detail).toBe("pinecone open");
  });
});

describe("degradingCache", () => {
  function downCache(): Cache {
    const down = async () => Promise.reject(refused());
    return { get: down, set: down, delete: down, invalidateTag: down, members: down };
  }

  it("turns a failing hot tier's reads into misses and skips its writes", async () => {
    const logger = new RecordingLogger();
    const cache = degradingCache(downCache(), new Breakers(), logger);

    expect(await cache.get("g:1:key")).toBeUndefined();
    await expect(cache.set("g:1:key", "value", { ttlSeconds: 60 })).resolves.toBeUndefined();
    expect(logger.lines.map((line) => line.attributes.operation)).toEqual(["get", "set"]);
  });

  it("still fails deletions and tag lookups, so erasure and export know", async () => {
    const cache = degradingCache(downCache(), new Breakers(), new RecordingLogger());

    await expect(cache.delete("g:1:key")).rejects.toThrow("ECONNREFUSED");
    await expect(cache.members("user:1")).rejects.toThrow("ECONNREFUSED");
  });

  it("passes everything through while the hot tier works", async () => {
    const cache = degradingCache(createMemoryCache(), new Breakers(), new RecordingLogger());
    await cache.set("g:1:key", "value", { ttlSeconds: 60, tags: ["user:1"] });

    expect(await cache.get("g:1:key")).toBe("value");
    expect(await cache.members("user:1")).toEqual(["g:1:key"]);
  });
});
