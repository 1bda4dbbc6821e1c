import type { KnowledgeMessage, MessageSink, MessageSource } from "./ports.ts";

/**
 * Messages kept in this process's memory, per guild: a `MessageSource` and `MessageSink` for
 * tests, the evaluation and one-shot tools. Never a tier: nothing is written anywhere.
 *
 * @example
 * const messages = createMemoryMessages();
 * await ingestMessages({ ...deps, sink: messages }, guildId, batch);
 */
export function createMemoryMessages(): MessageSource & MessageSink & { size(guildId: string): number } {
  const guilds = new Map<string, Map<string, KnowledgeMessage>>();
  const guild = (id: string) => {
    const messages = guilds.get(id) ?? new Map<string, KnowledgeMessage>();
    guilds.set(id, messages);
    return messages;
  };
  return {
    async storeMessages(guildId, messages) {
      for (const message of messages) guild(guildId).set(message.id, { ...message });
    },
    async getMessages(guildId, refs) {
      const found = new Map<string, KnowledgeMessage>();
      for (const ref of refs) {
        const message = guild(guildId).get(ref.messageId);
        if (message && message.channelId === ref.channelId) found.set(message.id, { ...message });
      }
      return found;
    },
    size: (guildId) => guild(guildId).size,
  };
}
