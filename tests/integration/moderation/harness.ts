import type {
  BlobStore,
  CommandContext,
  ComponentContext,
  DocumentStore,
  Reply,
  TaskContext,
} from "@megawatts/core";
import { createDataServices, createJobRegistry, SealedSchema, silentLogger } from "@megawatts/core";
import { createDiscordRest } from "@megawatts/discord/rest";
import {
  commandInteraction,
  componentInteraction,
  messageCommandInteraction,
  type OptionInput,
} from "@megawatts/discord/simulate";
import { createServerTools } from "@megawatts/discord/tools";
import { DEFAULT_GUILD_FIXTURE, type DiscordSink, LOCAL_GUILD, startDiscordSink } from "@megawatts/local";
import { moderationIngress } from "@megawatts/plugin-moderation/ingress";
import { manifest } from "@megawatts/plugin-moderation/manifest";
import { moderationWorker } from "@megawatts/plugin-moderation/worker";
import { type ManualClock, RecordingLogger } from "@megawatts/testing/fakes";
import { fakeJobContext, fakePorts, jobHandler } from "@megawatts/testing/ports";
import { InMemoryScheduler } from "@megawatts/testing/scheduler-fake";

export const G = LOCAL_GUILD;

/** The scene of a fixture member: their id, roles and permissions, as Discord sends them. */
function scene(sink: DiscordSink, userId: string, extra: Record<string, unknown> = {}) {
  const member = DEFAULT_GUILD_FIXTURE.members.find((candidate) => candidate.userId === userId);
  const guild = sink.guild(G.guildId);
  const roles = [...(member?.roles ?? [])];
  const permissions = (guild?.roles ?? [])
    .filter((role) => role.id === G.guildId || roles.includes(role.id))
    .reduce((all, role) => all | BigInt(role.permissions), 0n);
  const admin = (permissions & 8n) === 8n;
  return {
    userId,
    roles,
    permissions: String(admin ? (1n << 50n) - 1n : permissions),
    guildId: G.guildId,
    channelId: G.generalId,
    applicationId: G.botId,
    ...extra,
  };
}

/**
 * The moderation plugin end to end on the sink's local server: interactions through the ingress
 * half, jobs and tasks through the worker half with the real tool executor, REST client and
 * scheduler rules; data on the in-memory warm tier with a clock the test moves, or with `tiers`
 * on the given warm and cold stores (DynamoDB Local and the S3 stand-in) and their clock.
 */
export async function moderationHarness(
  options: { tiers?: { store: DocumentStore; blobs: BlobStore; clock: ManualClock } } = {},
) {
  const sink = await startDiscordSink({ port: 0, guilds: [DEFAULT_GUILD_FIXTURE] });
  const rest = createDiscordRest({ apiUrl: sink.url, token: "local" });
  const { tiers } = options;
  const fake = fakePorts(tiers ? { clock: tiers.clock } : {});
  if (!tiers) fake.clock.advance(Date.now() - fake.clock.now());
  const data = tiers
    ? createDataServices({ ...tiers, isSealed: (value) => SealedSchema.safeParse(value).success })
    : fake.data;
  const ports = { ...fake, data, warm: data };
  const scheduler = new InMemoryScheduler();
  const serverTools = createServerTools({
    rest,
    audit: ports.data.audit,
    cache: ports.cache,
    clock: ports.clock,
  });
  const all = { ...ports, serverTools, scheduler };
  const base = { elapsedMs: () => 0, commands: [], plugins: [manifest], logger: silentLogger };

  async function work(reply: Reply, userId: string) {
    if (reply.type !== "defer") return { reply, sent: [] as Record<string, unknown>[] };
    const { context, responder } = fakeJobContext(reply.job.kind, {
      user: userId,
      payload: reply.job.payload,
    });
    await jobHandler(moderationWorker, all, reply.job.kind)(context);
    return { reply, sent: responder.sent.map((entry) => ({ kind: entry.kind, ...entry.message })) };
  }

  /** Runs a command as a fixture member, through ingress and worker. */
  async function command(userId: string, name: string, options: OptionInput = {}, path: string[] = []) {
    const definition = manifest.commands.find((candidate) => candidate.name === name);
    if (!definition) throw new Error(`no command ${name}`);
    const interaction = commandInteraction(definition as never, {
      path,
      options,
      scene: scene(sink, userId),
    });
    const reply = await moderationIngress.commands[name]?.run({
      ...base,
      interaction,
    } as unknown as CommandContext);
    if (!reply) throw new Error(`no handler for ${name}`);
    return work(reply, userId);
  }

  /** *Report message* on a message of the sink's server, as a fixture member: the modal it opens. */
  async function reportMenu(userId: string, message: { id: string; content: string; authorId: string }) {
    const definition = manifest.commands.find((candidate) => candidate.name === "Report message");
    if (!definition) throw new Error("no Report message command");
    const interaction = messageCommandInteraction(definition, { message, scene: scene(sink, userId) });
    const reply = await moderationIngress.commands["Report message"]?.run({
      ...base,
      interaction,
    } as unknown as CommandContext);
    if (!reply) throw new Error("no handler for Report message");
    return reply;
  }

  /** Presses a button (or submits a modal) as a fixture member. */
  async function press(userId: string, customId: string, extra: Record<string, unknown> = {}) {
    const interaction = { ...componentInteraction(customId, { scene: scene(sink, userId) }), ...extra };
    const [, action = "", ...args] = customId.split(":");
    const context = { ...base, interaction, args } as unknown as ComponentContext;
    const reply = await moderationIngress.components?.[action]?.run(context);
    if (!reply) throw new Error(`no handler for ${customId}`);
    return work(reply, userId);
  }

  /** Runs the scheduled tasks due by the clock's now, as the scheduler would hand them out. */
  async function runDue() {
    const tasks = createJobRegistry([moderationWorker], all);
    for (const task of scheduler.due(ports.clock.now())) {
      const logger = new RecordingLogger();
      const context = {
        task,
        payload: task.payload,
        signal: new AbortController().signal,
        deadline: Date.now() + 60_000,
        logger,
        metrics: { count: () => {}, duration: () => {} },
      } as unknown as TaskContext;
      await tasks.task(task.kind)?.(context);
    }
  }

  /** Runs one task kind now (the recurring audit-log sync). */
  async function runTask(kind: string) {
    const tasks = createJobRegistry([moderationWorker], all);
    const context = {
      task: {
        v: 1,
        type: "task",
        id: `${kind}@${new Date().toISOString().slice(0, 19)}Z`,
        kind,
        payload: null,
        scheduledFor: Date.now(),
        correlationId: "t",
      },
      payload: null,
      signal: new AbortController().signal,
      deadline: Date.now() + 60_000,
      logger: new RecordingLogger(),
      metrics: { count: () => {}, duration: () => {} },
    } as unknown as TaskContext;
    await tasks.task(kind)?.(context);
  }

  return {
    sink,
    ports,
    scheduler,
    serverTools,
    all,
    command,
    reportMenu,
    press,
    runDue,
    runTask,
    state: () => sink.guild(G.guildId),
    close: () => sink.close(),
  };
}
export type ModerationHarness = Awaited<ReturnType<typeof moderationHarness>>;

/** The text of the last reply. */
export const lastText = (sent: Record<string, unknown>[]) => String(sent.at(-1)?.content ?? "");

/** The custom ids of the buttons on the last message sent. */
export function buttonsOf(sent: { components?: unknown }[]): string[] {
  const rows = (sent.at(-1)?.components ?? []) as { components: { custom_id: string }[] }[];
  return rows.flatMap((row) => row.components.map((button) => button.custom_id));
}
