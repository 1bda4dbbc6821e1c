import { type ChannelMessages, type ChatModel, createJobRegistry, systemClock } from "@megawatts/core";
import { block, createMemoryWriter } from "@megawatts/selfedit/testing";
import { fakeJobContext, fakePorts, jobHandler } from "@megawatts/testing/ports";
import { describe, expect, it } from "vitest";
import { recentRecords } from "../records/history.ts";
import { loadRecord, loadRounds } from "../records/store.ts";
import { selfeditWorker } from "../worker.ts";
import { createSelfEditPipeline } from "./index.ts";

const FORMAT = "packages/plugins/greet/src/format.ts";
const SOURCE = 'export function greeting(name: string): string {\n  return "Hello, " + name;\n}\n';
const GOOD = block(FORMAT, '  return "Hello, " + name;\n', '  return "Hello there, " + name;\n');
const NO_MATCH = block(FORMAT, '  return "Hi, " + name;\n', '  return "Hello there, " + name;\n');
const REQUEST_ID = "se_01JD3K8Z6Q9T0V4N2B7C5X1M8R";
const REVERT_ID = "se_01JD3K8Z6Q9T0V4N2B7C5X1M8S";

function scripted(answers: string[]): ChatModel {
  return {
    id: "scripted",
    async complete() {
      return { text: answers.shift() ?? "no answer", tokens: { prompt: 1_000, completion: 50 } };
    },
  };
}

/** Channel messages that remember what was edited and posted; `gone` edits answer false. */
function recordingMessages(gone = false) {
  const edited: { channelId: string; messageId: string; content?: string | undefined }[] = [];
  const posted: { channelId: string; content?: string | undefined }[] = [];
  const messages: ChannelMessages = {
    async edit(channelId, messageId, message) {
      if (gone) return false;
      edited.push({ channelId, messageId, content: message.content });
      return true;
    },
    async post(channelId, message) {
      posted.push({ channelId, content: message.content });
    },
  };
  return { messages, edited, posted };
}

function setup(answers: string[], preset: "manual" | "automatic" = "manual", messages?: ChannelMessages) {
  const services = fakePorts();
  const writer = createMemoryWriter({ [FORMAT]: SOURCE });
  const pipeline = createSelfEditPipeline({
    chat: scripted(answers),
    writer,
    settings: { preset },
    validation: { tests: { run: false } },
    clock: systemClock,
    ...(messages ? { messages } : {}),
  });
  const pipelineJobs = createJobRegistry([pipeline], services);
  const recordJobs = createJobRegistry([selfeditWorker], services);
  const run = async (kind: string, payload: unknown, tokenless = false) => {
    const { context, responder } = fakeJobContext(kind, { payload, tokenless });
    const handler = pipelineJobs.job(kind) ?? recordJobs.job(kind);
    await handler?.(context);
    return responder.sent.at(-1)?.message;
  };
  const guild = fakeJobContext("x").context.job.interaction.guildId ?? "";
  return {
    services,
    writer,
    run,
    record: () => loadRecord({ data: services.data }, guild, REQUEST_ID),
    guild,
  };
}

const request = { requestId: REQUEST_ID, request: "Make the greeting warmer" };
const buttons = (message: unknown) =>
  ((message as { components?: { components: { custom_id: string }[] }[] }).components ?? []).flatMap((row) =>
    row.components.map((button) => button.custom_id),
  );

describe("the self-edit pipeline", () => {
  it("proposes a repaired change with Approve and Discard, then opens one pull request on approval", async () => {
    const { run, writer, record, services, guild } = setup([NO_MATCH, GOOD]);

    const proposed = await run("selfedit.request", request);
    expect(proposed?.content).toMatch(/waiting for a maintainer to approve/);
    expect(buttons(proposed)).toEqual([`selfedit:approve:${REQUEST_ID}`, `selfedit:discard:${REQUEST_ID}`]);
    expect(await record()).toMatchObject({
      status: "proposed",
      rounds: 2,
      tokens: { prompt: 2_000, completion: 100 },
    });
    expect(await loadRounds({ data: services.data }, guild, REQUEST_ID)).toHaveLength(2);
    expect(writer.opened).toHaveLength(0);

    const approved = await run("selfedit.approve", {
      requestId: REQUEST_ID,
      messageId: "1300000000000000002",
    });
    const again = await run("selfedit.approve", { requestId: REQUEST_ID });

    expect(approved?.content).toMatch(/pull request #1 opened: https:\/\/example\.test\/pull\/1/);
    expect(buttons(approved)).toEqual([]);
    expect(again?.content).toBe(approved?.content);
    expect(writer.opened).toHaveLength(1);
    expect(writer.opened[0]?.changes).toEqual([
      { path: FORMAT, content: SOURCE.replace("Hello, ", "Hello there, ") },
    ]);
    expect(writer.opened[0]?.body).toContain("> Make the greeting warmer");
    expect(await record()).toMatchObject({ status: "opened", messageId: "1300000000000000002" });
  });

  it("reports Approve asked from the dashboard (no interaction token) by editing the proposal message", async () => {
    const channel = recordingMessages();
    const { run, record } = setup([GOOD], "manual", channel.messages);
    await run("selfedit.request", request);
    const channelId = (await record())?.channelId ?? "";

    const answered = await run(
      "selfedit.approve",
      { requestId: REQUEST_ID, channelId, messageId: "1300000000000000002" },
      true,
    );

    expect(answered).toBeUndefined();
    expect(channel.edited).toEqual([
      {
        channelId,
        messageId: "1300000000000000002",
        content: expect.stringMatching(/pull request #1 opened/),
      },
    ]);
    expect(channel.posted).toEqual([]);
    expect((await record())?.status).toBe("opened");
  });

  it("posts the outcome in the proposal's channel when its message is gone", async () => {
    const channel = recordingMessages(true);
    const { run, record } = setup([GOOD], "manual", channel.messages);
    await run("selfedit.request", request);
    const channelId = (await record())?.channelId ?? "";

    await run(
      "selfedit.discard",
      { requestId: REQUEST_ID, channelId, messageId: "1300000000000000002" },
      true,
    );

    expect(channel.posted).toEqual([{ channelId, content: expect.stringMatching(/discarded by <@/) }]);
    expect((await record())?.status).toBe("discarded");
  });

  it("keeps the request text sealed in storage", async () => {
    const { run, services } = setup([GOOD]);

    await run("selfedit.request", request);

    const stored = JSON.stringify([...services.store.items.values()]);
    expect(stored).not.toContain("Make the greeting warmer");
  });

  it("reports a rejection with the last findings and no buttons when the model repeats an error", async () => {
    const { run, record } = setup([NO_MATCH, NO_MATCH]);

    const message = await run("selfedit.request", request);

    expect(message?.content).toMatch(/no valid change after 2 rounds/);
    expect(JSON.stringify(message?.embeds)).toContain("edits/no-match");
    expect(buttons(message)).toEqual([]);
    expect(await record()).toMatchObject({ status: "rejected", stop: "repeated-error" });
  });

  it("opens the pull request at once under the automatic preset when the validator approves", async () => {
    const { run, writer } = setup([GOOD], "automatic");

    const message = await run("selfedit.request", request);

    expect(message?.content).toMatch(/pull request #1 opened/);
    expect(writer.opened).toHaveLength(1);
  });

  it("discards a proposal and refuses to approve it afterwards", async () => {
    const { run, record, writer } = setup([GOOD]);
    await run("selfedit.request", request);

    const discarded = await run("selfedit.discard", { requestId: REQUEST_ID });

    expect(discarded?.content).toMatch(/discarded by <@/);
    expect((await record())?.status).toBe("discarded");
    await expect(run("selfedit.approve", { requestId: REQUEST_ID })).rejects.toThrow(
      `Self-edit \`${REQUEST_ID}\` was already discarded, so there is nothing to approve.`,
    );
    expect(writer.opened).toHaveLength(0);
  });

  it("refuses to discard an approved change, saying what to do instead", async () => {
    const { run, record } = setup([GOOD]);
    await run("selfedit.request", request);
    await run("selfedit.approve", { requestId: REQUEST_ID });

    await expect(run("selfedit.discard", { requestId: REQUEST_ID })).rejects.toThrow(
      `Self-edit \`${REQUEST_ID}\` was already approved and pull request #1 is open; close pull request #1 on GitHub to drop the change.`,
    );
    expect((await record())?.status).toBe("opened");
  });

  it("reverts an opened change against the current base, as a labelled pull request", async () => {
    const { run, writer } = setup([GOOD]);
    await run("selfedit.request", request);
    await run("selfedit.approve", { requestId: REQUEST_ID });
    writer.advance({ [FORMAT]: SOURCE.replace("Hello, ", "Hello there, ") }, "base0001");

    const message = await run("selfedit.revert", { requestId: REVERT_ID, revertOf: REQUEST_ID });

    expect(message?.content).toMatch(/Revert `se_\w+`\*\* — pull request #2 opened/);
    expect(writer.opened[1]).toMatchObject({
      baseCommit: "base0001",
      revertOf: REQUEST_ID,
      labels: ["self-edit", "revert"],
    });
    expect(writer.opened[1]?.changes).toEqual([{ path: FORMAT, content: SOURCE }]);
  });

  it("answers status and history with rounds, tokens and statistics", async () => {
    const { run, services, guild } = setup([NO_MATCH, GOOD]);
    await run("selfedit.request", request);
    await run("selfedit.approve", { requestId: REQUEST_ID });

    const status = await run("selfedit.status", {});
    const history = await run("selfedit.history", null);

    expect(status?.content).toContain("> Make the greeting warmer");
    expect(status?.content).toMatch(/round 1: reject \(edits failed\) · 1,050 tokens/);
    expect(history?.content).toMatch(
      /`se_01JD3K8Z6Q9T0V4N2B7C5X1M8R` .* opened #1 · 2 rounds · 2,100 tokens/,
    );
    expect(history?.content).toMatch(/100 % led to a pull request .* mean repair rounds 1 · 2,100 tokens/);
    expect(await recentRecords({ data: services.data }, guild, 5)).toHaveLength(1);
  });

  it("tells the maintainer how to configure a model when there is none", async () => {
    const services = fakePorts();
    const pipeline = createSelfEditPipeline({
      chat: undefined,
      writer: createMemoryWriter({}),
      settings: { preset: "manual" },
      clock: systemClock,
    });
    const { context } = fakeJobContext("selfedit.request", { payload: request });

    await expect(jobHandler(pipeline, services, "selfedit.request")(context)).rejects.toThrow(
      /set `OPENAI_API_KEY`/,
    );
    const status = fakeJobContext("selfedit.status", { payload: {} });
    await jobHandler(selfeditWorker, services, "selfedit.status")(status.context);
    const shown = String(status.responder.sent.at(-1)?.message.content);
    expect(shown).toContain("failed; nothing was opened. No model is configured for self-editing");
  });
});
