import type { Envelope } from "../../crypto/envelope.ts";
import { KeyShreddedError } from "../../crypto/errors.ts";
import { parseSealed } from "../../crypto/sealed.ts";
import type { DataDeps } from "../../data/deps.ts";
import { recordAccess } from "../../data/items.ts";
import { itemKeys } from "../../data/keys.ts";
import { mapLimit } from "../../data/paging.ts";
import type { DocumentItem } from "../../data/ports.ts";
import { getOrPromote } from "../../data/promote.ts";
import type { KnowledgeMessage, MessageSource } from "./ports.ts";

/** What a `remembered-message` item's `content` is sealed for. */
export const MESSAGE_CONTENT_PURPOSE = "message.content";

/**
 * Reads `remembered-message` items (warm, or promoted back from cold) and opens their content
 * with the author's key. Each read is recorded (at most once a day per item), since the class
 * moves to cold by last read. Erased authors' messages (shredded key) are left out.
 *
 * @example
 * const messages = rememberedMessageSource({ data: data.deps, envelope });
 * const found = await messages.getMessages(guildId, refs);
 */
export function rememberedMessageSource(deps: { data: DataDeps; envelope: Envelope }): MessageSource {
  const { data, envelope } = deps;
  return {
    async getMessages(guildId, refs) {
      const items = await mapLimit(refs, 16, (ref) =>
        getOrPromote(data, {
          ...itemKeys.message(guildId, ref.channelId, ref.messageId),
          tenant: guildId,
          cls: "remembered-message",
          createdAt: ref.createdAt,
        }),
      );
      const opened = await mapLimit(items, 16, (item) => (item ? open(item) : Promise.resolve(undefined)));
      const found = new Map<string, KnowledgeMessage>();
      for (const message of opened) if (message) found.set(message.id, message);
      return found;
    },
  };

  async function open(item: DocumentItem): Promise<KnowledgeMessage | undefined> {
    const [, channelId = "", messageId = ""] = item.sk.split("#");
    const authorId = item.subject ?? "";
    const ctx = { tenant: item.tenant, subject: authorId, purpose: MESSAGE_CONTENT_PURPOSE };
    try {
      const content = await envelope.open(parseSealed(item.data.content, ctx), ctx);
      await recordAccess(data.store, item, data.clock.now());
      const replyToId = typeof item.data.replyToId === "string" ? { replyToId: item.data.replyToId } : {};
      return { id: messageId, channelId, authorId, createdAt: item.createdAt, content, ...replyToId };
    } catch (error) {
      if (error instanceof KeyShreddedError) return undefined;
      throw error;
    }
  }
}
