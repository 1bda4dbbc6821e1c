import { describe, expect, it } from "vitest";
import type { HealthCheck } from "../ports/health.ts";
import { checkDependencies } from "./check-dependencies.ts";

const check = (name: string, run: HealthCheck["check"]): HealthCheck => ({ name, kind: "queue", check: run });

describe("checkDependencies", () => {
  it("reports a dependency that answers but says it is degraded (an open breaker) as degraded", async () => {
    const [status] = await checkDependencies(
      [check("circuit breakers", async () => ({ detail: "pinecone open", degraded: true }))],
      { timeoutMs: 1_000, slowMs: 1_000 },
    );

    expect(status).toMatchObject({ state: "degraded", detail: "pinecone open" });
  });

  it("reports each dependency as up, down or not configured, without throwing", async () => {
    const statuses = await checkDependencies(
      [
        check("jobs", async () => ({ detail: "depth 0" })),
        check("table", async () => {
          throw new Error("connection refused");
        }),
        check("cache", async () => ({ configured: false })),
      ],
      { timeoutMs: 1_000, slowMs: 500 },
    );

    expect(statuses.map(({ name, state, detail }) => ({ name, state, detail }))).toEqual([
      { name: "jobs", state: "up", detail: "depth 0" },
      { name: "table", state: "down", detail: "connection refused" },
      { name: "cache", state: "not configured", detail: undefined },
    ]);
  });

  it("reports a dependency that never answers as down once its timeout passes", async () => {
    const [status] = await checkDependencies([check("stuck", () => new Promise(() => {}))], {
      timeoutMs: 20,
      slowMs: 10,
    });

    expect(status?.state).toBe("down");
    expect(status?.detail).toBe("no answer within 20 ms");
  });

  it("passes each probe a signal that aborts at its timeout", async () => {
    let aborted = false;
    await checkDependencies(
      [
        check(
          "slow",
          (signal) =>
            new Promise((_, reject) =>
              signal.addEventListener("abort", () => {
                aborted = true;
                reject(signal.reason);
              }),
            ),
        ),
      ],
      { timeoutMs: 20, slowMs: 10 },
    );

    expect(aborted).toBe(true);
  });
});
