import { z } from "zod";

/** What "Remember" hands its job: the message as Discord showed it to the caller. */
export const RememberPayloadSchema = z.object({
  channelId: z.string(),
  messageId: z.string(),
  authorId: z.string(),
  content: z.string(),
  attachments: z.array(z.string()),
  postedAt: z.number(),
});
export type RememberPayload = z.infer<typeof RememberPayloadSchema>;
