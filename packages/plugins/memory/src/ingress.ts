import { CommandType, type IngressPlugin, VisibleError } from "@megawatts/core";
import type { APIApplicationCommandInteraction, APIMessage } from "discord-api-types/v10";
import { manifest } from "./manifest.ts";
import type { RememberPayload } from "./payload.ts";

/** The message a "Remember" interaction targets, from `resolved.messages`. */
function targetMessage(interaction: APIApplicationCommandInteraction): APIMessage {
  const { data } = interaction;
  if (data.type !== CommandType.Message) throw new VisibleError("Remember works on a message.");
  const messages = data.resolved?.messages;
  const message = messages && Object.hasOwn(messages, data.target_id) ? messages[data.target_id] : undefined;
  if (!message) throw new VisibleError("I couldn't see that message; try again.");
  return message;
}

/**
 * The ingress half of the memory plugin: "Remember" defers (only the caller sees the answer)
 * and hands the message to a job, which seals and stores it.
 */
export const memoryIngress: IngressPlugin = {
  manifest,
  commands: {
    Remember: {
      run: ({ interaction }) => {
        if (!interaction.guild_id) throw new VisibleError("Remember works inside a server.");
        const message = targetMessage(interaction);
        const payload: RememberPayload = {
          channelId: message.channel_id,
          messageId: message.id,
          authorId: message.author.id,
          content: message.content,
          attachments: message.attachments.map((attachment) => attachment.filename),
          postedAt: Date.parse(message.timestamp),
        };
        // The text is the author's: sealed under a key filed under them, so that their erasure
        // reaches it while it is queued or dead-lettered.
        return {
          type: "defer",
          ephemeral: true,
          job: { kind: "memory.remember", payload, sealFor: message.author.id },
        };
      },
    },
  },
};
