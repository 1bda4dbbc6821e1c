import {
  acquireLease,
  BackfillBusyError,
  type BackfillDeps,
  backfillChannel,
  setRememberPreference,
  systemClock,
} from "@megawatts/core";
import { createDiscordRest, DiscordChannelHistory } from "@megawatts/discord/rest";
import { loadFixtures } from "@megawatts/knowledge-eval/fixtures";
import { type DiscordSink, loadChannelHistory, startDiscordSink } from "@megawatts/local";
import { snowflake } from "@megawatts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knowledgeFixture, removeKnowledgeDirs } from "./knowledge-fixtures.ts";

const CHANNEL = "401000000000000002";
const PATH = `/channels/${CHANNEL}/messages`;
let sink: DiscordSink;
let fx: Awaited<ReturnType<typeof knowledgeFixture>>;

beforeAll(async () => {
  sink = await startDiscordSink({ history: await loadChannelHistory() });
  fx = await knowledgeFixture("kn-backfill");
});
afterAll(async () => {
  await sink?.close();
  fx?.clients.destroy();
  await removeKnowledgeDirs();
});

function deps(): BackfillDeps {
  const history = new DiscordChannelHistory(createDiscordRest({ apiUrl: sink.url, token: "test-bot" }));
  return { knowledge: fx.deps, history, data: fx.services.data, clock: systemClock };
}

const run = (guildId: string, extra: { since?: number } = {}) =>
  backfillChannel(deps(), {
    guildId,
    channelId: CHANNEL,
    actor: "user:80351110224678900",
    pageSize: 25,
    ...extra,
  });
const reads = () => sink.events().filter((event) => event.method === "GET" && event.path === PATH);

describe("backfilling a channel through Discord REST", () => {
  it("resumes from the saved cursor after a failed page, indexing every message once", async () => {
    const guildId = snowflake();
    // Two pages succeed, then every attempt at the third fails (the client retries 5xx 3 times).
    sink.failNext(
      { method: "GET", pathIncludes: PATH, after: 2 },
      { status: 500, body: { message: "500", code: 0 } },
      4,
    );
    await expect(run(guildId)).rejects.toThrow();
    const before = reads().length;

    const resumed = await run(guildId);

    expect(resumed).toMatchObject({ state: "done", resumed: true, seen: 101, indexed: 101, duplicate: 0 });
    const firstResumedRead = reads()[before];
    expect(firstResumedRead?.query.before).toBeDefined();
    const all = await fx.deps.keywords.messagesBy(guildId, "301000000000000013");
    expect(new Set(all.map((message) => message.messageId)).size).toBe(all.length);
  });

  it("waits out a 429 and carries on", async () => {
    const guildId = snowflake();
    sink.failNext(
      { method: "GET", pathIncludes: PATH, after: 1 },
      { status: 429, body: { message: "You are being rate limited.", retry_after: 0.05, global: false } },
    );

    const result = await run(guildId);

    expect(result).toMatchObject({ state: "done", seen: 101, indexed: 101 });
    expect(reads().some((event) => event.status === 429)).toBe(true);
  });

  it("skips members who opted out, indexing nothing of theirs", async () => {
    const guildId = snowflake();
    const { messages } = await loadFixtures();
    const author = "301000000000000012";
    const theirs = messages.filter((message) => message.channelId === CHANNEL && message.authorId === author);
    const actor = `user:${author}`;
    await setRememberPreference(
      { data: fx.services.data, clock: systemClock },
      { guild: guildId, user: author, remember: false, actor },
    );

    const result = await run(guildId);

    expect(theirs.length).toBeGreaterThan(0);
    expect(result).toMatchObject({ state: "done", indexed: 101 - theirs.length, skipped: theirs.length });
    expect(await fx.deps.keywords.messagesBy(guildId, author)).toEqual([]);
  });

  it("runs one backfill per guild at a time", async () => {
    const guildId = snowflake();
    const lease = await acquireLease(fx.services.data.deps.store, {
      tenant: guildId,
      name: "knowledge-index",
      owner: "another-run",
      ttlMs: 60_000,
      now: Date.now(),
    });

    await expect(run(guildId)).rejects.toBeInstanceOf(BackfillBusyError);
    await lease?.release();
    await expect(run(guildId)).resolves.toMatchObject({ state: "done" });
  });
});
