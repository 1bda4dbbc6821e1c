// Tickets end to end against the local sink's stateful server: the open and close jobs (claim,
// the bot's permission checks through the tools, the private thread, every page of the thread read,
// the transcript sealed twice and stored, archive and lock, the record closed in one transaction)
// beside the bare REST calls each ends in, in the same run. Records and transcripts go to the
// in-memory data fakes, so the figures show the Discord side and the sealing, not DynamoDB or S3.

import { REST } from "@discordjs/rest";
import { createMemoryCache, tenantCache } from "@megawatts/core";
import { restApiBase } from "@megawatts/discord/rest";
import { createServerTools } from "@megawatts/discord/tools";
import { DEFAULT_GUILD_FIXTURE, LOCAL_GUILD as G, startDiscordSink } from "@megawatts/local";
import { ticketsWorker } from "@megawatts/plugin-tickets/worker";
import { fakeJobContext, fakePorts, jobHandler } from "@megawatts/testing/ports";
import type { APIThreadChannel } from "discord-api-types/v10";
import { percentileRows, type Section } from "./lib/section.ts";
import { summarize } from "./lib/stats.ts";

const ROUNDS = 30;
const WARMUP = 3;
/** Messages in each ticket before it closes: two pages of the thread. */
const MESSAGES = 120;

export const ticketsSection: Section = {
  id: "tickets",
  title: "Tickets: open and close jobs vs the bare REST calls (local sink)",
  async run() {
    const sink = await startDiscordSink({ port: 0, guilds: [DEFAULT_GUILD_FIXTURE] });
    try {
      // The global 50 requests/s pacing of @discordjs/rest is lifted, as in the tools section.
      const rest = new REST({ api: restApiBase(sink.url), version: "10", globalRequestsPerSecond: 100_000 });
      rest.setToken("bench");
      const memory = createMemoryCache();
      const { executor } = createServerTools({
        rest,
        audit: { record: async (entry) => ({ ...entry, at: Date.now(), id: "bench" }) },
        cache: { tenant: (id) => tenantCache(memory, id) },
      });
      const ports = { ...fakePorts(), serverTools: { executor } };
      const job = async (
        kind: string,
        userId: string,
        options: Record<string, string>,
        channelId: string,
      ) => {
        const member = DEFAULT_GUILD_FIXTURE.members.find((candidate) => candidate.userId === userId);
        const actor = {
          guildId: G.guildId,
          channelId,
          userId,
          roleIds: member?.roles ?? [],
          botUserId: G.botId,
        };
        const payload = { actor, permissions: userId === G.adminId ? "8" : "0", username: "bench", options };
        const { context, responder } = fakeJobContext(kind, { guild: G.guildId, user: userId, payload });
        await jobHandler(ticketsWorker, ports, kind)(context);
        return String(responder.sent.at(-1)?.message.content ?? "");
      };
      const say = async (threadId: string, count: number) => {
        for (let index = 0; index < count; index += 1)
          await fetch(`${new URL(sink.url).origin}/_sink/channels/${threadId}/messages`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ author_id: G.memberId, content: `message ${index} of the ticket` }),
          });
      };
      await job("tickets.setup", G.adminId, { staff_role: G.roles.moderator }, G.generalId);

      const open: number[] = [];
      const openBare: number[] = [];
      const close: number[] = [];
      const closeBare: number[] = [];
      for (let round = -WARMUP; round < ROUNDS; round += 1) {
        let started = performance.now();
        const opened = await job("tickets.open", G.memberId, {}, G.generalId);
        const openMs = performance.now() - started;
        const threadId = /<#(\d+)>/.exec(opened)?.[1];
        if (!threadId) throw new Error(`the ticket did not open: ${opened}`);

        started = performance.now();
        const bare = (await rest.post(`/channels/${G.generalId}/threads`, {
          body: { name: "bench", type: 12, invitable: false },
        })) as APIThreadChannel;
        await rest.put(`/channels/${bare.id}/thread-members/${G.memberId}`);
        await rest.post(`/channels/${bare.id}/messages`, {
          body: {
            content: `<@${G.memberId}> <@&${G.roles.moderator}> welcome`,
            allowed_mentions: { parse: [] },
          },
        });
        const openBareMs = performance.now() - started;

        await say(threadId, MESSAGES);
        await say(bare.id, MESSAGES);

        started = performance.now();
        const closed = await job("tickets.close", G.moderatorId, { reason: "bench" }, threadId);
        const closeMs = performance.now() - started;
        if (!closed.includes("is closed")) throw new Error(`the ticket did not close: ${closed}`);

        started = performance.now();
        let before: string | undefined;
        for (;;) {
          const query = new URLSearchParams({ limit: "100", ...(before ? { before } : {}) });
          const page = (await rest.get(`/channels/${bare.id}/messages`, { query })) as { id: string }[];
          before = page.at(-1)?.id;
          if (page.length < 100) break;
        }
        await rest.patch(`/channels/${bare.id}`, { body: { archived: true, locked: true } });
        const closeBareMs = performance.now() - started;

        if (round < 0) continue;
        open.push(openMs);
        openBare.push(openBareMs);
        close.push(closeMs);
        closeBare.push(closeBareMs);
      }
      return {
        figures: [
          ...percentileRows(
            "open ticket job",
            "POST thread + PUT member + POST message",
            summarize(open),
            summarize(openBare),
            1,
          ),
          ...percentileRows(
            `close ticket job, ${MESSAGES + 1} messages`,
            "GET the pages + PATCH archive and lock",
            summarize(close),
            summarize(closeBare),
            1,
          ),
        ],
        notes: [
          `${ROUNDS} tickets after ${WARMUP} warm-up, each beside a bare thread with the same messages; job and baseline interleaved.`,
          "The jobs add the bot's permission checks (guild, member and channel reads per tool), the claim and record writes (in-memory fakes), two envelope seals of the transcript (fake KMS, data key cached) and the two objects stored.",
        ],
      };
    } finally {
      await sink.close();
    }
  },
};
