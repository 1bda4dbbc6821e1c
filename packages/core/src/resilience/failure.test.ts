import { describe, expect, it } from "vitest";
import { z } from "zod";
import { VisibleError } from "../errors.ts";
import { classifyFailure, PermanentError } from "./failure.ts";
import { JOB_RETRY_SCHEDULE, retryDelaySeconds } from "./retry-schedule.ts";

const withFields = (fields: Record<string, unknown>) => Object.assign(new Error("failed"), fields);

describe("classifyFailure", () => {
  it("treats validation and refusals as permanent", () => {
    const zod = z.object({ mode: z.enum(["keyword"]) }).safeParse({ mode: "loud" });
    expect(classifyFailure(zod.error)).toBe("permanent");
    expect(classifyFailure(new PermanentError("bad cursor"))).toBe("permanent");
    expect(classifyFailure(new VisibleError("not allowed"))).toBe("permanent");
    expect(classifyFailure(withFields({ status: 403 }))).toBe("permanent");
    expect(
      classifyFailure(
        withFields({ name: "ValidationException", $fault: "client", $metadata: { httpStatusCode: 400 } }),
      ),
    ).toBe("permanent");
  });

  it("treats network errors, throttling, timeouts and 5xx as transient", () => {
    expect(classifyFailure(withFields({ code: "ECONNREFUSED" }))).toBe("transient");
    expect(
      classifyFailure(
        withFields({ name: "ThrottlingException", $fault: "client", $metadata: { httpStatusCode: 400 } }),
      ),
    ).toBe("transient");
    expect(classifyFailure(withFields({ status: 429 }))).toBe("transient");
    expect(classifyFailure(withFields({ $metadata: { httpStatusCode: 503 } }))).toBe("transient");
    expect(classifyFailure(new DOMException("timed out", "TimeoutError"))).toBe("transient");
  });

  it("follows the cause chain and counts unknown errors as transient, so nothing is dropped on a guess", () => {
    expect(classifyFailure(new Error("claim failed", { cause: withFields({ code: "ECONNRESET" }) }))).toBe(
      "transient",
    );
    expect(classifyFailure(new Error("wrapped", { cause: new PermanentError("bad") }))).toBe("permanent");
    expect(classifyFailure(new Error("who knows"))).toBe("transient");
    expect(classifyFailure("a string")).toBe("transient");
  });
});

describe("retryDelaySeconds", () => {
  it("spreads the job schedule's tries over minutes, within the token's 15 minutes", () => {
    const tries = JOB_RETRY_SCHEDULE.maxAttempts - 1;
    for (let sample = 0; sample < 50; sample++) {
      let total = 0;
      for (let attempt = 1; attempt <= tries; attempt++)
        total += retryDelaySeconds(JOB_RETRY_SCHEDULE, attempt, { replyAlive: true });
      expect(total).toBeGreaterThanOrEqual(5 * 60);
      expect(total).toBeLessThanOrEqual(12 * 60);
    }
  });

  it("jitters each delay between half and all of the exponential step, and waits longer without a reply", () => {
    const delays = new Set<number>();
    for (let sample = 0; sample < 50; sample++) {
      const delay = retryDelaySeconds(JOB_RETRY_SCHEDULE, 3, { replyAlive: true });
      expect(delay).toBeGreaterThanOrEqual(20);
      expect(delay).toBeLessThanOrEqual(40);
      delays.add(delay);
    }
    expect(delays.size).toBeGreaterThan(1);
    expect(retryDelaySeconds(JOB_RETRY_SCHEDULE, 8, { replyAlive: false })).toBeGreaterThan(180);
  });
});
