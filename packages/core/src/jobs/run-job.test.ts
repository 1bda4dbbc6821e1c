import { ManualClock, RecordingLogger, RecordingMetrics, RecordingResponder } from "@megawatts/testing/fakes";
import { MemoryPluginStates } from "@megawatts/testing/ingress-deps";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { VisibleError } from "../errors.ts";
import { createJobRegistry } from "../plugins/job-registry.ts";
import { defineWorkerPlugin } from "../plugins/ports.ts";
import type { JobHandler, PluginManifest } from "../plugins/types.ts";
import { PermanentError } from "../resilience/failure.ts";
import type { Job } from "./job.ts";
import { reportDeadJob, runJob, TOKEN_LIFETIME_MS, TOKEN_SAFETY_MARGIN_MS } from "./run-job.ts";

const manifest = (id: string, extra: Partial<PluginManifest> = {}): PluginManifest => ({
  id,
  version: "1.0.0",
  description: id,
  commands: [],
  permissions: [],
  dependencies: {},
  ...extra,
});

function setup(handlers: Record<string, JobHandler>, extra: Partial<PluginManifest> = { core: true }) {
  const clock = new ManualClock();
  const responder = new RecordingResponder();
  const logger = new RecordingLogger();
  const pluginStates = new MemoryPluginStates();
  const plugin = defineWorkerPlugin({
    manifest: manifest("system", extra),
    needs: [],
    create: () => ({ jobs: handlers }),
  });
  const deps = {
    jobs: createJobRegistry([plugin], {}),
    responder,
    pluginStates,
    logger,
    metrics: new RecordingMetrics(),
    clock,
  };
  const job: Job = {
    v: 1,
    id: "1300000000000000001",
    kind: "system.status",
    interaction: {
      id: "1300000000000000001",
      applicationId: "1200000000000000000",
      token: "token-1",
      guildId: "1100000000000000000",
      channelId: "1000000000000000000",
      userId: "900000000000000000",
      createdAt: clock.now(),
    },
    payload: { question: "why" },
    correlationId: "1300000000000000001",
    enqueuedAt: clock.now(),
  };
  return { deps, job, clock, responder, logger, pluginStates };
}

describe("runJob", () => {
  it("runs the handler for the job's kind and lets it edit the reply", async () => {
    const { deps, job, responder } = setup({
      "system.status": async ({ reply, payload }) => reply({ content: `done ${JSON.stringify(payload)}` }),
    });

    expect(await runJob(deps, job)).toBe("done");
    expect(responder.sent).toEqual([
      { kind: "edit", interactionId: job.id, message: { content: 'done {"question":"why"}' } },
    ]);
  });

  it("gives up without touching Discord once the interaction token is about to expire", async () => {
    let ran = false;
    const { deps, job, clock, responder, logger } = setup({
      "system.status": async () => {
        ran = true;
      },
    });
    clock.advance(TOKEN_LIFETIME_MS - 10_000);

    expect(await runJob(deps, job)).toBe("expired");
    expect(ran).toBe(false);
    expect(responder.sent).toEqual([]);
    expect(logger.lines.map((line) => line.message)).toContain("job.expired");
  });

  it("tells the user a visible error as a plain sentence and does not retry", async () => {
    const { deps, job, responder } = setup({
      "system.status": async () => {
        throw new VisibleError("That channel is not indexed.");
      },
    });

    expect(await runJob(deps, job)).toBe("rejected");
    expect(responder.sent[0]?.message.content).toBe("That channel is not indexed.");
  });

  it("rethrows other errors so the queue retries the job", async () => {
    const { deps, job, responder } = setup({
      "system.status": async () => {
        throw new Error("provider timed out");
      },
    });

    await expect(runJob(deps, job)).rejects.toThrow("provider timed out");
    expect(responder.sent).toEqual([]);
  });

  it("answers a job of an unknown kind with a reference id instead of retrying it", async () => {
    const { deps, job, responder, logger } = setup({});

    expect(await runJob(deps, job)).toBe("rejected");
    const reference = /ref_\w{10}/.exec(responder.sent[0]?.message.content ?? "")?.[0];
    expect(reference).toBeDefined();
    expect(logger.lines.find((line) => line.message === "job.unknown-kind")?.attributes.reference).toBe(
      reference,
    );
  });

  it("refuses a job whose plugin was turned off in its server after it was queued", async () => {
    let ran = false;
    const { deps, job, responder, pluginStates } = setup(
      {
        "system.status": async () => {
          ran = true;
        },
      },
      { core: false },
    );
    pluginStates.states.set(job.interaction.guildId ?? "", { overrides: { system: false }, history: [] });

    expect(await runJob(deps, job)).toBe("rejected");
    expect(ran).toBe(false);
    expect(responder.sent[0]?.message.content).toMatch(
      /The \*\*system\*\* plugin was turned off in this server/,
    );
  });

  it("gives handlers a signal that aborts when the token's time runs out", async () => {
    let signal: AbortSignal | undefined;
    const { deps, job } = setup({
      "system.status": async (context) => {
        signal = context.signal;
      },
    });

    await runJob(deps, job);
    expect(signal?.aborted).toBe(false);
  });

  it("aborts the handler's signal at the token deadline, so long work stops in time", async () => {
    const { deps, job, clock } = setup({
      "system.status": async ({ signal }) => {
        await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
        throw signal.reason;
      },
    });
    clock.advance(TOKEN_LIFETIME_MS - TOKEN_SAFETY_MARGIN_MS - 5);

    // The abort is a timeout, a transient failure: the queue keeps the job.
    await expect(runJob(deps, job)).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("answers input that can never succeed at once, naming the bad field, without retrying", async () => {
    const { deps, job, responder } = setup({
      "system.status": async ({ payload }) => {
        z.object({ cursor: z.string().max(8) }).parse(payload);
      },
    });

    const outcome = await runJob(deps, { ...job, payload: { cursor: "far-too-long-a-cursor" } });

    expect(outcome).toBe("rejected");
    expect(responder.sent[0]?.message.content).toMatch(
      /^That request can't be done as sent: `cursor` .+\. Reference: `ref_\w+`$/,
    );
  });

  it("answers a PermanentError with its own message", async () => {
    const { deps, job, responder } = setup({
      "system.status": async () => {
        throw new PermanentError("That page has expired; run the search again.");
      },
    });

    expect(await runJob(deps, job)).toBe("rejected");
    expect(responder.sent[0]?.message.content).toMatch(
      /^That page has expired; run the search again\. Reference/,
    );
  });

  it("runs a redriven job whose token died and reports in its channel, never posting the reply there", async () => {
    const posted: { channelId: string; content: string | undefined }[] = [];
    const { deps, job, clock, responder } = setup({
      "system.status": async ({ reply }) => reply({ content: "private result" }),
    });
    clock.advance(TOKEN_LIFETIME_MS + 60_000);
    const channelMessages = {
      edit: async () => false,
      post: async (channelId: string, message: { content?: string }) => {
        posted.push({ channelId, content: message.content });
      },
    };

    const outcome = await runJob({ ...deps, channelMessages }, { ...job, redrivenAt: clock.now() });

    expect(outcome).toBe("done");
    expect(responder.sent).toEqual([]);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.channelId).toBe(job.interaction.channelId);
    expect(posted[0]?.content).toContain(`<@${job.interaction.userId}>`);
    expect(posted[0]?.content).not.toContain("private result");
  });

  it("runs a job asked outside Discord (no token) without touching any webhook or posting a notice", async () => {
    const posted: string[] = [];
    let ran = false;
    const { deps, job, clock, responder } = setup({
      "system.status": async ({ reply }) => {
        ran = true;
        await reply({ content: "nobody to answer" });
      },
    });
    const { token: _token, ...origin } = job.interaction;
    clock.advance(TOKEN_LIFETIME_MS + 60_000);
    const channelMessages = {
      edit: async () => false,
      post: async (channelId: string) => {
        posted.push(channelId);
      },
    };

    const outcome = await runJob({ ...deps, channelMessages }, { ...job, interaction: origin });

    expect(outcome).toBe("done");
    expect(ran).toBe(true);
    expect(responder.sent).toEqual([]);
    expect(posted).toEqual([]);
  });
});

describe("reportDeadJob", () => {
  it("edits the user's message to say the work failed, with the logged reference id", async () => {
    const { deps, job, responder, logger } = setup({});

    const reference = await reportDeadJob(deps, job);

    expect(responder.sent[0]?.message.content).toContain(`Reference: \`${reference}\``);
    expect(
      logger.lines.find((line) => line.message === "job.dead-letter-reported")?.attributes.reference,
    ).toBe(reference);
  });

  it("only logs when the token has already expired", async () => {
    const { deps, job, responder, clock } = setup({});
    clock.advance(TOKEN_LIFETIME_MS);

    await reportDeadJob(deps, job);
    expect(responder.sent).toEqual([]);
  });
});
