// Tool execution against the local sink's stateful server: the executor's whole path (parameter
// check, guild and channel reads for the permission and hierarchy checks, the REST call with its
// reason header, the audit entry) beside the bare REST call it ends in, in the same run.

import { REST } from "@discordjs/rest";
import { createMemoryCache, tenantCache } from "@megawatts/core";
import {
  basePermissions,
  channelPermissions,
  highestRole,
  outranks,
} from "@megawatts/discord/permission-rules";
import { restApiBase } from "@megawatts/discord/rest";
import { createServerTools } from "@megawatts/discord/tools";
import { DEFAULT_GUILD_FIXTURE, LOCAL_GUILD as G, startDiscordSink } from "@megawatts/local";
import { percentileRows, type Section } from "./lib/section.ts";
import { summarize } from "./lib/stats.ts";

const ROUNDS = 300;
const WARMUP = 30;
const RULE_ROUNDS = 100_000;
const actor = {
  guildId: G.guildId,
  channelId: G.generalId,
  userId: G.adminId,
  roleIds: [G.roles.admin],
  botUserId: G.botId,
};

async function timed(samples: number[], work: () => Promise<unknown>) {
  const started = performance.now();
  await work();
  samples.push(performance.now() - started);
}

/** The permission and hierarchy rules alone, on data already fetched: what each check costs in CPU. */
function ruleCost(): number {
  const guild = {
    id: G.guildId,
    ownerId: G.ownerId,
    roles: DEFAULT_GUILD_FIXTURE.roles.map((role) => ({
      id: role.id,
      position: role.position,
      permissions: "268443664",
    })),
  };
  const staff = DEFAULT_GUILD_FIXTURE.channels.find((channel) => channel.id === G.staffId);
  const overwrites = (staff?.overwrites ?? []).map((o) => ({
    id: o.id,
    type: o.type === "role" ? 0 : 1,
    allow: "1024",
    deny: "8192",
  })) as never[];
  const subject = { userId: G.moderatorId, roleIds: [G.roles.moderator, G.roles.member] };
  let sink = 0n;
  const started = performance.now();
  for (let round = 0; round < RULE_ROUNDS; round++) {
    const base = basePermissions(guild, subject);
    sink ^= channelPermissions(base, overwrites, G.guildId, subject);
    const top = highestRole(guild.roles, subject.roleIds, G.guildId);
    if (outranks(top, { id: G.roles.member, position: 1 })) sink ^= 1n;
  }
  const perCall = ((performance.now() - started) * 1000) / RULE_ROUNDS;
  if (sink === -1n) throw new Error("unreachable");
  return perCall;
}

export const toolExecution: Section = {
  id: "tools",
  title: "Discord tools: executor vs bare REST call (local sink)",
  async run() {
    const sink = await startDiscordSink({ port: 0, guilds: [DEFAULT_GUILD_FIXTURE] });
    try {
      // Discord's global 50 requests/s, which @discordjs/rest paces by default, would dominate
      // the tail; lifted here so the figures show the work, not the pacing.
      const rest = new REST({
        api: restApiBase(sink.url),
        version: "10",
        globalRequestsPerSecond: 100_000,
      }).setToken("bench");
      const memory = createMemoryCache();
      const { executor } = createServerTools({
        rest,
        audit: { record: async (entry) => ({ ...entry, at: Date.now(), id: "bench" }) },
        cache: { tenant: (id) => tenantCache(memory, id) },
      });
      const channelTool: number[] = [];
      const channelBare: number[] = [];
      const roleTool: number[] = [];
      const roleBare: number[] = [];
      const checks: number[] = [];
      const read: number[] = [];
      for (let i = -WARMUP; i < ROUNDS; i++) {
        const slowmode = i & 1 ? 5 : 0;
        const samples = i >= 0;
        const outcome = await executor.execute({
          tool: "channel_update",
          params: { channelId: G.generalId, slowmode },
          actor,
          reference: "bench",
        });
        if (!outcome.ok) throw new Error(outcome.refusal.message);
        if (samples) {
          await timed(channelTool, () =>
            executor.execute({
              tool: "channel_update",
              params: { channelId: G.generalId, slowmode },
              actor,
              reference: "bench",
            }),
          );
          await timed(channelBare, () =>
            rest.patch(`/channels/${G.generalId}`, {
              body: { rate_limit_per_user: slowmode },
              reason: "bench",
            }),
          );
          await timed(roleTool, () =>
            executor.execute({
              tool: "role_assign",
              params: { memberId: G.memberId, roleId: G.roles.moderator },
              actor,
              reference: "bench",
            }),
          );
          await timed(roleBare, () =>
            rest.put(`/guilds/${G.guildId}/members/${G.memberId}/roles/${G.roles.moderator}`, {
              reason: "bench",
            }),
          );
          await timed(checks, () =>
            executor.prepare({
              tool: "role_assign",
              params: { memberId: G.memberId, roleId: G.roles.moderator },
              actor,
              reference: "bench",
            }),
          );
          await timed(read, () => rest.get(`/guilds/${G.guildId}`));
        }
      }
      const perCall = ruleCost();
      return {
        figures: [
          ...percentileRows(
            "channel_update via executor",
            "bare PATCH",
            summarize(channelTool),
            summarize(channelBare),
            2,
          ),
          ...percentileRows(
            "role_assign via executor",
            "bare PUT",
            summarize(roleTool),
            summarize(roleBare),
            2,
          ),
          ...percentileRows(
            "checks only (prepare: 2–3 REST reads + rules)",
            "one bare GET",
            summarize(checks),
            summarize(read),
            2,
          ),
          {
            name: "permission + hierarchy rules per call (in memory)",
            unit: "µs",
            measured: perCall,
            digits: 2,
          },
        ],
        notes: [
          `${ROUNDS} rounds after ${WARMUP} warm-up, interleaved; the sink answers on loopback through @discordjs/rest (global 50/s pacing lifted).`,
          "The executor reads the guild and the bot's member (and the channel for channel tools) before acting; a real Discord round trip (~50–150 ms) multiplies that cost, which is what the reads add.",
        ],
      };
    } finally {
      await sink.close();
    }
  },
};
