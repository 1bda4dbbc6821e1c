import { createHash } from "node:crypto";
import { z } from "zod";
import { ConditionFailedError } from "../data/errors.ts";
import { newItem } from "../data/items.ts";
import { itemKeys, subjectGsi1pk } from "../data/keys.ts";
import type { DocumentItem, ItemKey } from "../data/ports.ts";
import type { Clock } from "../ports/observability.ts";
import { rememberPreference } from "../privacy/preferences.ts";
import { sealField } from "../privacy/sealed-fields.ts";
import type { PrivacyServices } from "../privacy/sources.ts";

const snowflake = z.string().regex(/^\d{1,20}$/);

/** A message someone asked the bot to remember, as the interaction carried it. */
export const RememberInputSchema = z.object({
  guild: snowflake,
  channelId: snowflake,
  messageId: snowflake,
  authorId: snowflake,
  content: z.string().max(4_000),
  attachments: z.array(z.string().max(1_024)).max(10),
  /** When the message was posted, epoch ms. */
  postedAt: z.number().int(),
  /** Who asked: written to the audit log, not to the item. */
  requestedBy: snowflake,
});
export type RememberInput = z.input<typeof RememberInputSchema>;

/** What the caller is told: ids, times, sizes and names, never the content itself. */
export interface RememberedSummary {
  messageId: string;
  channelId: string;
  authorId: string;
  postedAt: number;
  jumpUrl: string;
  characters: number;
  attachments: string[];
}

export type RememberOutcome =
  | { status: "stored"; summary: RememberedSummary }
  | { status: "already"; summary: Pick<RememberedSummary, "messageId" | "jumpUrl"> }
  | { status: "opted-out" }
  | { status: "empty" };

const CLS = "remembered-message";

/**
 * A SHA-256 of the content salted with the guild, so changed content can be noticed without
 * storing it, and one text hashes differently in every guild.
 *
 * @example
 * contentHash("81384788765712384", "hello") // "sha256:5b2f…"
 */
export function contentHash(guild: string, content: string): string {
  return `sha256:${createHash("sha256").update(`megawatts.content.v1\0${guild}\0${content}`).digest("hex")}`;
}

/** Whether the author's cold entries list this message (it was remembered and moved down). */
async function rememberedCold(
  deps: Pick<PrivacyServices, "data">,
  guild: string,
  author: string,
  key: ItemKey,
) {
  // Cold entries sort under their batch's key, `COLD#<class>#<yyyy-mm>#<batch id>`.
  const prefix = `COLD#${CLS}#`;
  const page = await deps.data.documents.queryGsi1(subjectGsi1pk(guild, author), { sk: { prefix } });
  return page.items.some((entry) => (entry.data.sks as string[] | undefined)?.includes(key.sk));
}

/**
 * Stores a message as a `remembered-message`: content and attachment names sealed under the
 * author's key (tenant = guild), ids, times, jump link and a content hash in the clear. Refuses
 * when the author opted out, stores each message once, and audits who asked (no content).
 *
 * @example
 * const outcome = await rememberMessage({ ...services, clock }, { guild, channelId, messageId,
 *   authorId, content: "hello", attachments: [], postedAt, requestedBy: callerId });
 */
export async function rememberMessage(
  deps: Pick<PrivacyServices, "data" | "envelope"> & { clock: Clock },
  input: RememberInput,
): Promise<RememberOutcome> {
  const message = RememberInputSchema.parse(input);
  const { guild, channelId, messageId, authorId } = message;
  if (message.content.trim() === "" && message.attachments.length === 0) return { status: "empty" };
  const jumpUrl = `https://discord.com/channels/${guild}/${channelId}/${messageId}`;
  const key = itemKeys.message(guild, channelId, messageId);
  if (!(await rememberPreference(deps.data.documents, guild, authorId)).remember)
    return { status: "opted-out" };
  if ((await deps.data.documents.get(key)) || (await rememberedCold(deps, guild, authorId, key)))
    return { status: "already", summary: { messageId, jumpUrl } };

  const item = await buildItem(deps, message, key, jumpUrl);
  await deps.data.tenants.ensure(guild);
  try {
    await deps.data.documents.put(item, { ifAbsent: true });
  } catch (error) {
    if (error instanceof ConditionFailedError) return { status: "already", summary: { messageId, jumpUrl } };
    throw error;
  }
  await deps.data.audit.record({
    actor: `user:${message.requestedBy}`,
    action: "memory.remembered",
    tenant: guild,
    subject: authorId,
    cls: CLS,
    reference: messageId,
  });
  const { content, attachments, postedAt } = message;
  const summary = {
    messageId,
    channelId,
    authorId,
    postedAt,
    jumpUrl,
    characters: content.length,
    attachments,
  };
  return { status: "stored", summary };
}

async function buildItem(
  deps: Pick<PrivacyServices, "data" | "envelope"> & { clock: Clock },
  message: z.infer<typeof RememberInputSchema>,
  key: ItemKey,
  jumpUrl: string,
): Promise<DocumentItem> {
  const { guild, authorId } = message;
  const field = (name: string) => ({ tenant: guild, subject: authorId, cls: CLS, field: name });
  const data = {
    content: await sealField(deps.envelope, field("content"), message.content),
    attachments: await sealField(deps.envelope, field("attachments"), message.attachments),
    channelId: message.channelId,
    messageId: message.messageId,
    authorId,
    postedAt: message.postedAt,
    jumpUrl,
    contentHash: contentHash(guild, message.content),
  };
  const cls = deps.data.classes.get(CLS);
  return newItem({ cls, tenant: guild, subject: authorId, key, data, now: deps.clock.now() });
}
