import { InMemoryJobKeys, InMemorySubjectKeyStore } from "@megawatts/testing/crypto-fakes";
import { ManualClock, RecordingLogger, RecordingMetrics, RecordingResponder } from "@megawatts/testing/fakes";
import { MemoryPluginStates } from "@megawatts/testing/ingress-deps";
import { describe, expect, it } from "vitest";
import { createJobRegistry } from "../plugins/job-registry.ts";
import { defineWorkerPlugin } from "../plugins/ports.ts";
import type { JobHandler } from "../plugins/types.ts";
import type { Job } from "./job.ts";
import { ERASED_JOB_MESSAGE, runJob } from "./run-job.ts";
import { openJobPayload, sealJobPayload } from "./sealed-payload.ts";

const TEXT = "canary-sealed-job-5f1c";
const GUILD = "1100000000000000000";
const AUTHOR = "1100000000000000009";

function setup(handler: JobHandler) {
  const clock = new ManualClock();
  const jobKeys = new InMemoryJobKeys();
  const subjectKeys = new InMemorySubjectKeyStore(jobKeys);
  const responder = new RecordingResponder();
  const logger = new RecordingLogger();
  const plugin = defineWorkerPlugin({
    manifest: {
      id: "memory",
      version: "1.0.0",
      description: "memory",
      commands: [],
      permissions: [],
      dependencies: {},
      core: true,
    },
    needs: [],
    create: () => ({ jobs: { "memory.remember": handler } }),
  });
  const deps = {
    jobs: createJobRegistry([plugin], {}),
    responder,
    pluginStates: new MemoryPluginStates(),
    logger,
    metrics: new RecordingMetrics(),
    clock,
    jobKeys,
  };
  const job: Job = {
    v: 1,
    id: "1300000000000000001",
    kind: "memory.remember",
    interaction: {
      id: "1300000000000000001",
      applicationId: "1200000000000000000",
      token: "token-1",
      guildId: GUILD,
      channelId: "1000000000000000000",
      userId: "900000000000000000",
      createdAt: clock.now(),
    },
    payload: { authorId: AUTHOR, content: TEXT },
    correlationId: "1300000000000000001",
    enqueuedAt: clock.now(),
  };
  return { deps, job, clock, jobKeys, subjectKeys, responder, logger };
}

describe("sealed job payloads", () => {
  it("leave the ingress as ciphertext only, with the key stored apart under the member", async () => {
    const { job, jobKeys } = setup(async () => {});

    const sealed = await sealJobPayload(jobKeys, job, AUTHOR);

    expect(sealed.payload).toBeNull();
    expect(JSON.stringify(sealed)).not.toContain(TEXT);
    expect(sealed.sealedPayload?.sealed).toMatchObject({ tenant: GUILD, subject: AUTHOR });
    expect((await openJobPayload(jobKeys, sealed)).payload).toEqual(job.payload);
  });

  it("reach the handler opened, and the key goes once the job is done", async () => {
    const seen: unknown[] = [];
    const { deps, job, jobKeys } = setup(async ({ payload }) => {
      seen.push(payload);
    });
    const sealed = await sealJobPayload(jobKeys, job, AUTHOR);

    expect(await runJob(deps, sealed)).toBe("done");
    expect(seen).toEqual([job.payload]);
    expect(jobKeys.items.size).toBe(0);
  });

  it("keep their key when the job fails for a while, so a retry can still open them", async () => {
    const { deps, job, jobKeys } = setup(async () => {
      throw new Error("ECONNRESET");
    });
    const sealed = await sealJobPayload(jobKeys, job, AUTHOR);

    await expect(runJob(deps, sealed)).rejects.toThrow("ECONNRESET");
    expect((await openJobPayload(jobKeys, sealed)).payload).toEqual(job.payload);
  });

  it("are dropped, never run, once the member they are about is erased while the job waits", async () => {
    let ran = false;
    const { deps, job, jobKeys, subjectKeys, responder, logger } = setup(async () => {
      ran = true;
    });
    const sealed = await sealJobPayload(jobKeys, job, AUTHOR);

    await subjectKeys.delete(GUILD, AUTHOR);

    expect(await runJob(deps, sealed)).toBe("erased");
    expect(ran).toBe(false);
    expect(responder.sent.map((sent) => sent.message.content)).toEqual([ERASED_JOB_MESSAGE]);
    expect(logger.lines.some((line) => line.message === "job.dropped")).toBe(true);
  });

  it("are dropped when a dead-lettered copy is redriven after the member was erased", async () => {
    let ran = false;
    const { deps, job, clock, jobKeys, subjectKeys, responder } = setup(async () => {
      ran = true;
    });
    const sealed = await sealJobPayload(jobKeys, job, AUTHOR);
    await subjectKeys.delete(GUILD, AUTHOR);
    clock.advance(60 * 60_000);

    const outcome = await runJob(deps, { ...sealed, redrivenAt: clock.now() });

    expect(outcome).toBe("erased");
    expect(ran).toBe(false);
    expect(responder.sent).toEqual([]);
  });
});
