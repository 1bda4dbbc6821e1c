import {
  type BackfillProgress,
  backfillChannel,
  type JobContext,
  type PluginPorts,
  rememberedMessageSink,
  VisibleError,
} from "@megawatts/core";
import { guildOf } from "../engine.ts";
import { IndexPayloadSchema } from "../payloads.ts";
import { progressMessage } from "../render.ts";

/** Edits of the progress bar are at least this far apart (Discord rate-limits message edits). */
const EDIT_EVERY_MS = 2_000;

/**
 * `/index`: backfills a channel into the knowledge indexes, editing a progress bar into the
 * deferred reply (the indexing plugin is off until an admin turns it on). The text is stored sealed
 * as `remembered-message` items on behalf of the admin who ran it; members who opted out are
 * skipped. Shortly before the interaction token dies the job stops with the cursor saved and
 * says to run `/index` again; a failed page fails the job, which the queue retries from the
 * cursor.
 *
 * @example
 * jobs: { "indexing.index": (context) => indexJob(ports, context) }
 */
export async function indexJob(
  ports: Pick<PluginPorts, "knowledge" | "data" | "envelope" | "clock">,
  context: JobContext,
): Promise<void> {
  const { job, reply } = context;
  const { knowledge, data, envelope, clock } = ports;
  const guild = guildOf(context);
  const { channelId, since } = IndexPayloadSchema.parse(context.payload);
  if (!knowledge.history)
    throw new VisibleError("This deployment cannot read channel history (no bot token).");
  const user = job.interaction.userId;
  const sink = rememberedMessageSink({ services: { data, envelope }, clock, requestedBy: user });
  const deps = { ...(await knowledge.deps()), sink };
  let lastEdit = clock.now();
  const onProgress = async (progress: BackfillProgress) => {
    const now = clock.now();
    if (progress.state === "running" && now - lastEdit < EDIT_EVERY_MS) return;
    lastEdit = now;
    await reply(progressMessage(progress, channelId));
  };
  const result = await backfillChannel(
    { knowledge: deps, history: knowledge.history, data, clock },
    {
      guildId: guild,
      channelId,
      ...(since !== undefined ? { since } : {}),
      actor: `user:${user}`,
      signal: context.signal,
      onProgress,
    },
  );
  if (result.state === "stopped") await reply(progressMessage(result, channelId));
}
