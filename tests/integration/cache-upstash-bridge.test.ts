import { upstashHealthCheck } from "@megawatts/storage/upstash";
import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type CacheServers, startCacheServers } from "./cache-servers.ts";

let servers: CacheServers;

beforeAll(async () => {
  servers = await startCacheServers();
});

afterAll(async () => {
  vi.restoreAllMocks();
  await servers?.close();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${servers.bridge.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${servers.bridge.token}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("the Upstash REST bridge, through the real @upstash/redis client", () => {
  it("sets, gets and expires a value", async () => {
    const redis = servers.upstash();

    await redis.set("bridge:ttl", "héllo ✓", { ex: 30 });

    expect(await redis.get("bridge:ttl")).toBe("héllo ✓");
    expect(await redis.ttl("bridge:ttl")).toBe(30);
    expect(await servers.direct.get("bridge:ttl")).toBe("héllo ✓");
  });

  it("runs an explicit pipeline in order and reports a failed command on its own", async () => {
    const redis = servers.upstash();
    await redis.set("bridge:text", "not a number");

    const results = await redis
      .pipeline()
      .set("bridge:n", 1)
      .incr("bridge:n")
      .incr("bridge:text")
      .get("bridge:n")
      .exec({ keepErrors: true });

    expect(results.map((entry) => entry.result)).toEqual(["OK", 2, undefined, 2]);
    expect(results[2]?.error).toMatch(/not an integer/);
  });

  it("batches reads issued together into one /pipeline request (auto-pipelining)", async () => {
    await servers.direct.mSet({ "bridge:a": "1", "bridge:b": "two" });
    const redis = servers.upstash();
    const fetchSpy = vi.spyOn(globalThis, "fetch");

    const values = await Promise.all([
      redis.get("bridge:a"),
      redis.get("bridge:b"),
      redis.exists("bridge:a"),
    ]);

    const urls = fetchSpy.mock.calls.map(([url]) => String(url));
    fetchSpy.mockRestore();
    expect(values).toEqual([1, "two", 1]);
    expect(urls).toEqual([`${servers.bridge.url}/pipeline`]);
  });

  it("answers base64 on the wire when asked: strings encoded, integers and null as they are", async () => {
    await servers.direct.set("bridge:b64", "é");
    const encoded = await post("/", ["MGET", "bridge:b64", "bridge:none"], { "upstash-encoding": "base64" });
    const plain = await post("/pipeline", [
      ["GET", "bridge:b64"],
      ["STRLEN", "bridge:b64"],
    ]);

    expect(encoded).toEqual({ status: 200, body: { result: [Buffer.from("é").toString("base64"), null] } });
    expect(plain).toEqual({ status: 200, body: [{ result: "é" }, { result: 2 }] });
  });

  it("runs /multi-exec as one transaction and reports a failing command in place", async () => {
    const redis = servers.upstash();
    await redis.set("bridge:word", "abc");

    const results = await redis
      .multi()
      .sadd("bridge:set", "x", "y")
      .incr("bridge:word")
      .scard("bridge:set")
      .exec({ keepErrors: true });

    expect(results.map((entry) => entry.result)).toEqual([2, undefined, 2]);
    expect(results[1]?.error).toMatch(/not an integer/);
  });

  it("keeps concurrent transactions apart: nothing lands between MULTI and EXEC", async () => {
    const redis = servers.upstash();

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => redis.multi().set("bridge:tx", `v${i}`).get("bridge:tx").exec()),
    );

    expect(results).toEqual(Array.from({ length: 10 }, (_, i) => ["OK", `v${i}`]));
  });

  it("rejects a wrong token with 401, which the client raises as an error", async () => {
    const intruder = servers.upstash({ token: "wrong", retry: false });

    await expect(intruder.get("bridge:ttl")).rejects.toThrow(/Unauthorized/);
    expect((await post("/", ["PING"], { authorization: "Bearer wrong" })).status).toBe(401);
  });

  it("answers a command Redis rejects with a non-2xx error", async () => {
    const answer = await post("/", ["NOSUCHCOMMAND"]);

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: expect.stringMatching(/unknown command/) });
  });

  it("runs scripts carrying Upstash's allow-key-locking flag and keeps the client's SHA", async () => {
    const redis = servers.upstash();
    const script = "#!lua flags=allow-key-locking\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])";

    const evaluated = await redis.eval(script, ["bridge:counter"], [5]);
    const sha = await redis.scriptLoad(script);
    const again = await redis.evalsha(sha, ["bridge:counter"], [1]);

    expect([evaluated, again]).toEqual([5, 6]);
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it("reports the cache healthy through PING, and unhealthy when nothing answers", async () => {
    const healthy = await upstashHealthCheck(servers.upstash()).check(AbortSignal.timeout(2_000));
    const nowhere = new Redis({
      url: "http://127.0.0.1:9",
      token: "t",
      retry: false,
      enableTelemetry: false,
    });

    expect(healthy).toEqual({ detail: "PONG" });
    await expect(upstashHealthCheck(nowhere).check(AbortSignal.timeout(2_000))).rejects.toThrow();
  });
});
