import type { CommandContext, ComponentContext, Reply, ToolCallingChat } from "@megawatts/core";
import { silentLogger } from "@megawatts/core";
import { createDiscordRest } from "@megawatts/discord/rest";
import { commandInteraction, componentInteraction, type OptionInput } from "@megawatts/discord/simulate";
import { createServerTools } from "@megawatts/discord/tools";
import {
  DEFAULT_GUILD_FIXTURE,
  type DiscordSink,
  type GuildFixture,
  LOCAL_GUILD,
  startDiscordSink,
} from "@megawatts/local";
import { adminIngress } from "@megawatts/plugin-admin/ingress";
import { manifest } from "@megawatts/plugin-admin/manifest";
import { adminWorker } from "@megawatts/plugin-admin/worker";
import { fakeJobContext, fakePorts, jobHandler } from "@megawatts/testing/ports";

export const G = LOCAL_GUILD;

/** The scene of a fixture member: their id and roles (or `roles`), as Discord sends them. */
function scene(userId: string, roles?: string[]) {
  const member = DEFAULT_GUILD_FIXTURE.members.find((candidate) => candidate.userId === userId);
  return {
    userId,
    roles: roles ?? [...(member?.roles ?? [])],
    guildId: G.guildId,
    channelId: G.generalId,
    applicationId: G.botId,
  };
}

/**
 * The admin plugin end to end on the sink's local server: interactions through the ingress
 * half, deferred jobs through the worker half with the real tool executor and REST client.
 */
export async function adminHarness(
  options: { chat?: ToolCallingChat; messages?: GuildFixture["messages"] } = {},
) {
  const fixture = {
    ...DEFAULT_GUILD_FIXTURE,
    messages: [...(DEFAULT_GUILD_FIXTURE.messages ?? []), ...(options.messages ?? [])],
  };
  const sink: DiscordSink = await startDiscordSink({ port: 0, guilds: [fixture] });
  const rest = createDiscordRest({ apiUrl: sink.url, token: "local" });
  const ports = fakePorts();
  const serverTools = createServerTools({
    rest,
    audit: ports.data.audit,
    cache: ports.cache,
    ...(options.chat ? { chat: options.chat } : {}),
  });
  const base = { elapsedMs: () => 0, commands: [], plugins: [manifest], logger: silentLogger };

  async function work(reply: Reply, userId: string) {
    if (reply.type !== "defer") return { reply, sent: [] };
    const { context, responder } = fakeJobContext(reply.job.kind, {
      user: userId,
      payload: reply.job.payload,
    });
    await jobHandler(adminWorker, { ...ports, serverTools }, reply.job.kind)(context);
    return { reply, sent: responder.sent.map((entry) => ({ kind: entry.kind, ...entry.message })) };
  }

  /** Runs `/name sub --options` as a fixture member, through ingress and worker. */
  async function command(userId: string, name: string, path: string[], options: OptionInput = {}) {
    const definition = manifest.commands.find((candidate) => candidate.name === name);
    if (!definition) throw new Error(`no command ${name}`);
    const interaction = commandInteraction(definition, { path, options, scene: scene(userId) });
    const reply = await adminIngress.commands[name]?.run({
      ...base,
      interaction,
    } as unknown as CommandContext);
    if (!reply) throw new Error(`no handler for ${name}`);
    return work(reply, userId);
  }

  /** Presses a button as a fixture member (with `roles` instead of the fixture's when given). */
  async function press(userId: string, customId: string, roles?: string[]) {
    const interaction = componentInteraction(customId, { scene: scene(userId, roles) });
    const [, action = "", ...args] = customId.split(":");
    const context = { ...base, interaction, args } as unknown as ComponentContext;
    const reply = await adminIngress.components?.[action]?.run(context);
    if (!reply) throw new Error(`no handler for ${customId}`);
    return work(reply, userId);
  }

  const pressWithRoles = (userId: string, roles: string[], customId: string) =>
    press(userId, customId, roles);
  return {
    sink,
    rest,
    ports,
    command,
    press,
    pressWithRoles,
    state: () => sink.guild(G.guildId),
    close: () => sink.close(),
  };
}
export type AdminHarness = Awaited<ReturnType<typeof adminHarness>>;

/** The custom ids of the buttons on the last message sent. */
export function buttonsOf(sent: { components?: unknown }[]): string[] {
  const rows = (sent.at(-1)?.components ?? []) as { components: { custom_id: string }[] }[];
  return rows.flatMap((row) => row.components.map((button) => button.custom_id));
}
