import {
  type BackfillProgress,
  backfillChannel,
  type JobContext,
  knowledgeSwitch,
  rememberedMessageSink,
  systemClock,
  VisibleError,
} from "@megawatts/core";
import { guildOf, knowledgeOf } from "./engine.ts";
import { IndexPayloadSchema } from "./payloads.ts";
import { progressMessage } from "./render.ts";

/** Edits of the progress bar are at least this far apart (Discord rate-limits message edits). */
const EDIT_EVERY_MS = 2_000;

/**
 * `/index`: backfills a channel into the knowledge indexes, editing a progress bar into the
 * deferred reply. Refused until an admin ran `/knowledge enable`. The text is stored sealed
 * as `remembered-message` items on behalf of the admin who ran it; members who opted out are
 * skipped. Shortly before the interaction token dies the job stops with the cursor saved and
 * says to run `/index` again; a failed page fails the job, which the queue retries from the
 * cursor.
 *
 * @example
 * jobs: { "knowledge.index": indexJob }
 */
export async function indexJob(context: JobContext): Promise<void> {
  const { services, job, reply } = context;
  const guild = guildOf(context);
  const { channelId, since } = IndexPayloadSchema.parse(context.payload);
  const knowledge = knowledgeOf(context);
  if (!(await knowledgeSwitch(services.data.documents, guild)).enabled)
    throw new VisibleError(
      "Indexing is off in this server: an admin can turn it on with `/knowledge enable`.",
    );
  if (!knowledge.history)
    throw new VisibleError("This deployment cannot read channel history (no bot token).");
  const user = job.interaction.userId;
  const sink = rememberedMessageSink({ services, clock: systemClock, requestedBy: user });
  const deps = { ...(await knowledge.deps()), sink };
  let lastEdit = systemClock.now();
  const onProgress = async (progress: BackfillProgress) => {
    const now = systemClock.now();
    if (progress.state === "running" && now - lastEdit < EDIT_EVERY_MS) return;
    lastEdit = now;
    await reply(progressMessage(progress, channelId));
  };
  const result = await backfillChannel(
    { knowledge: deps, history: knowledge.history, data: services.data, clock: systemClock },
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
