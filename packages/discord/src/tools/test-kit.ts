import {
  type AuditEntry,
  type Clock,
  createDangerousLimiter,
  createMemoryCache,
  createToolExecutor,
  type DangerousLimit,
  systemClock,
  type ToolActor,
  tenantCache,
} from "@megawatts/core";
import { startDiscordSink } from "../../../local/src/discord-sink.ts";
import type { GuildFixture, GuildSinkOptions } from "../../../local/src/sink/guild/index.ts";
import { DEFAULT_GUILD_FIXTURE, LOCAL_GUILD } from "../../../local/src/sink/guild/index.ts";
import { createDiscordRest } from "../rest/create-rest.ts";
import { discordTools } from "./catalogue/index.ts";
import { discordRestPort, discordRules } from "./rest-port.ts";

export const G = LOCAL_GUILD;

/** The fixture member `userId` as an actor in `channelId` (general by default). */
export function actorOf(userId: string, channelId: string = G.generalId): ToolActor {
  const member = DEFAULT_GUILD_FIXTURE.members.find((candidate) => candidate.userId === userId);
  return { guildId: G.guildId, channelId, userId, roleIds: [...(member?.roles ?? [])], botUserId: G.botId };
}

/**
 * A tool executor on the real REST client against the sink's stateful local server, with an
 * in-memory audit log and hot tier; `close()` stops the sink.
 */
export async function toolHarness(
  options: {
    limit?: DangerousLimit;
    sink?: GuildSinkOptions;
    otherGuilds?: GuildFixture[];
    clock?: Clock;
  } = {},
) {
  const sink = await startDiscordSink({
    port: 0,
    guilds: [DEFAULT_GUILD_FIXTURE, ...(options.otherGuilds ?? [])],
    ...(options.sink ? { guildOptions: options.sink } : {}),
  });
  const rest = discordRestPort(createDiscordRest({ apiUrl: sink.url, token: "local" }));
  const audit: AuditEntry[] = [];
  const memory = createMemoryCache();
  const clock = options.clock ?? systemClock;
  const executor = createToolExecutor({
    tools: discordTools,
    rest,
    rules: discordRules,
    audit: {
      record: async (entry) => {
        audit.push(entry);
        return { ...entry, at: Date.now(), id: String(audit.length) };
      },
    },
    limiter: createDangerousLimiter({
      cache: { tenant: (id) => tenantCache(memory, id) },
      clock,
      ...(options.limit ? { limit: options.limit } : {}),
    }),
    clock,
  });
  let sequence = 0;
  const run = (userId: string, tool: string, params: unknown, channelId?: string) =>
    executor.execute({
      tool,
      params,
      actor: actorOf(userId, channelId),
      reference: `test-${++sequence}`,
      reason: "test",
    });
  return { sink, rest, executor, audit, run, state: () => sink.guild(G.guildId), close: () => sink.close() };
}
export type ToolHarness = Awaited<ReturnType<typeof toolHarness>>;
