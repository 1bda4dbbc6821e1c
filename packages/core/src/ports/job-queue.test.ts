import { RecordingQueue } from "@megawatts/testing/fakes";
import { describe, expect, it } from "vitest";
import type { Job } from "../jobs/job.ts";
import { lazyJobQueue } from "./job-queue.ts";

const job = { id: "1" } as Job;

describe("lazyJobQueue", () => {
  it("loads the adapter once, on first use, even for concurrent first enqueues", async () => {
    const inner = new RecordingQueue();
    let loads = 0;
    const queue = lazyJobQueue(async () => {
      loads += 1;
      return inner;
    });
    expect(loads).toBe(0);

    await Promise.all([queue.enqueue(job), queue.enqueue(job)]);

    expect(loads).toBe(1);
    expect(inner.jobs).toHaveLength(2);
  });

  it("tries loading again after a failed load instead of failing forever", async () => {
    const inner = new RecordingQueue();
    let attempts = 0;
    const queue = lazyJobQueue(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("throttled");
      return inner;
    });

    await expect(queue.enqueue(job)).rejects.toThrow("throttled");
    await queue.enqueue(job);
    expect(inner.jobs).toHaveLength(1);
  });
});
