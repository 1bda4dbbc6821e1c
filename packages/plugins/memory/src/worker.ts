import {
  defineWorkerPlugin,
  ingestMessages,
  type KnowledgeServices,
  plural,
  type RememberOutcome,
  rememberMessage,
  VisibleError,
} from "@megawatts/core";
import { manifest } from "./manifest.ts";
import { type RememberPayload, RememberPayloadSchema } from "./payload.ts";

/**
 * What the caller is told about a "Remember": what was stored (sizes and names, never the
 * text), or why nothing was.
 *
 * @example
 * rememberReply({ status: "opted-out" }, "80351110224678912", "80351110224678913")
 * // "<@80351110224678912> asked me not to remember their messages, so I did not store this one."
 */
export function rememberReply(outcome: RememberOutcome, authorId: string, requesterId?: string): string {
  switch (outcome.status) {
    case "stored": {
      const { jumpUrl, postedAt, characters, attachments } = outcome.summary;
      const names =
        attachments.length > 0
          ? ` and ${plural(attachments.length, "attachment name")} (${attachments.join(", ")})`
          : "";
      const what = attachments.length > 0 ? "Its text and attachment names are" : "Its text is";
      return [
        `🧠 Remembered [this message](${jumpUrl}) by <@${authorId}> from <t:${Math.floor(postedAt / 1000)}:f>:`,
        `${plural(characters, "character")}${names}.`,
        `${what} stored encrypted under the author's own key; they can see or erase it with \`/privacy\`.`,
      ].join("\n");
    }
    case "already":
      return `I already remember [this message](${outcome.summary.jumpUrl}).`;
    case "opted-out":
      return authorId === requesterId
        ? "You asked me not to remember your messages, so I did not store this one. To allow it again, use `/privacy settings remember:true`."
        : `<@${authorId}> asked me not to remember their messages, so I did not store this one.`;
    case "empty":
      return "That message has no text or attachments to remember.";
  }
}

/**
 * Indexes a stored message at once, so `/search` and `/ask` find it; also when it was stored
 * before, so a job retried after storing still indexes it (ingestion dedupes). The text is
 * already stored, so the engine's sink is left out.
 */
async function indexRemembered(knowledge: KnowledgeServices, guild: string, message: RememberPayload) {
  const { sink: _stored, ...deps } = await knowledge.deps();
  const { messageId, channelId, authorId, postedAt, content } = message;
  await ingestMessages(deps, guild, [{ id: messageId, channelId, authorId, createdAt: postedAt, content }]);
}

/** The worker half of the memory plugin: stores the message "Remember" was used on, and indexes it. */
export const memoryWorker = defineWorkerPlugin({
  manifest,
  needs: ["data", "envelope", "knowledge", "clock"],
  create: ({ data, envelope, knowledge, clock }) => ({
    jobs: {
      "memory.remember": async ({ job, payload, reply }) => {
        const message = RememberPayloadSchema.parse(payload);
        const guild = job.interaction.guildId;
        if (!guild) throw new VisibleError("Remember works inside a server.");
        const outcome = await rememberMessage(
          { data, envelope, clock },
          { ...message, guild, requestedBy: job.interaction.userId },
        );
        if (outcome.status === "stored" || outcome.status === "already")
          await indexRemembered(knowledge, guild, message);
        await reply({
          content: rememberReply(outcome, message.authorId, job.interaction.userId),
          allowed_mentions: { parse: [] },
        });
      },
    },
  }),
});
