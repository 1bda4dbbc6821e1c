import { type ChannelMessages, type MessagePayload, silentLogger } from "@megawatts/core";
import { fakePorts } from "@megawatts/testing/ports";
import { describe, expect, it } from "vitest";
import { applyGithubEvent } from "./github-events.ts";
import { createRecord, loadRecord } from "./records/store.ts";

const GUILD = "1300000000000000100";
const CHANNEL = "1300000000000000200";
const MESSAGE = "1300000000000000300";
const REQUEST_ID = "se_01JD3K8Z6Q9T0V4N2B7C5X1M8R";

class RecordingMessages implements ChannelMessages {
  readonly edits: { channelId: string; messageId: string; message: MessagePayload }[] = [];
  readonly posts: { channelId: string; message: MessagePayload }[] = [];
  constructor(private readonly exists = true) {}
  async edit(channelId: string, messageId: string, message: MessagePayload) {
    this.edits.push({ channelId, messageId, message });
    return this.exists;
  }
  async post(channelId: string, message: MessagePayload) {
    this.posts.push({ channelId, message });
  }
}

async function setup(options: { messageExists?: boolean; knownMessage?: boolean } = {}) {
  const services = fakePorts();
  await createRecord(
    { ...services, clock: services.clock },
    GUILD,
    {
      requestId: REQUEST_ID,
      kind: "change",
      status: "opened",
      requestedBy: "1300000000000000400",
      preset: "manual",
      rounds: 1,
      tokens: { prompt: 10, completion: 5 },
      channelId: CHANNEL,
      ...(options.knownMessage === false ? {} : { messageId: MESSAGE }),
      pullRequest: {
        number: 7,
        url: "https://github.com/acme/bot/pull/7",
        branch: `megawatts/${REQUEST_ID}`,
        commit: "abc",
      },
    },
    "Make the greeting warmer",
  );
  const messages = new RecordingMessages(options.messageExists ?? true);
  const deps = { data: services.data, messages, clock: services.clock, logger: silentLogger };
  const record = () => loadRecord(deps, GUILD, REQUEST_ID);
  return { deps, messages, record };
}

const merged = {
  kind: "pull-request" as const,
  requestId: REQUEST_ID,
  number: 7,
  url: "https://github.com/acme/bot/pull/7",
  merged: true,
};

describe("applyGithubEvent", () => {
  it("marks a merged pull request and edits the first line of the request's message", async () => {
    const { deps, messages, record } = await setup();

    expect(await applyGithubEvent(deps, merged)).toBe("applied");

    expect((await record())?.status).toBe("merged");
    expect(messages.edits).toEqual([
      {
        channelId: CHANNEL,
        messageId: MESSAGE,
        message: {
          content: expect.stringMatching(/^✅ \*\*Self-edit `se_\w+`\*\* — pull request #7 merged/),
          allowed_mentions: { parse: [] },
        },
      },
    ]);
    expect(messages.posts).toEqual([]);
  });

  it("shows failed checks, and keeps them shown when a later run of the same suite passes", async () => {
    const { deps, messages, record } = await setup();
    const run = (conclusion: string) => ({
      kind: "checks" as const,
      requestId: REQUEST_ID,
      conclusion,
      name: "ci",
    });

    await applyGithubEvent(deps, run("failure"));
    const later = await applyGithubEvent(deps, run("success"));

    expect(later).toBe("unchanged");
    expect((await record())?.checks).toEqual({ conclusion: "failure", name: "ci" });
    expect(String(messages.edits[0]?.message.content)).toMatch(/checks ❌ failure$/);
  });

  it("posts the status in the channel when the message is gone or was never known", async () => {
    const gone = await setup({ messageExists: false });
    const unknown = await setup({ knownMessage: false });

    await applyGithubEvent(gone.deps, merged);
    await applyGithubEvent(unknown.deps, merged);

    expect(gone.messages.posts).toHaveLength(1);
    expect(unknown.messages.edits).toHaveLength(0);
    expect(unknown.messages.posts[0]?.channelId).toBe(CHANNEL);
  });

  it("ignores an event for a request it does not know", async () => {
    const { deps, messages } = await setup();

    expect(await applyGithubEvent(deps, { ...merged, requestId: "se_01JD3K8Z6Q9T0V4N2B7C5X1M8Z" })).toBe(
      "unknown",
    );
    expect(messages.edits).toEqual([]);
  });
});
