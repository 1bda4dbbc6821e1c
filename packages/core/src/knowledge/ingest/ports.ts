// Ports the knowledge use cases read members' messages and preferences through.

/** A Discord message as the knowledge feature takes it in (content in plaintext, in memory only). */
export interface KnowledgeMessage {
  id: string;
  channelId: string;
  authorId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  content: string;
  /**
   * The message this one answers: the replied-to message, or a thread's starter message for a
   * message in a thread. Its text, when in the same batch, gives this message's chunks context.
   */
  replyToId?: string;
}

/** Where to find a stored message: the key of its `remembered-message` item and its age. */
export interface MessageRef {
  channelId: string;
  messageId: string;
  /** Epoch milliseconds; finds the message in the cold tier when it has moved there. */
  createdAt: number;
}

/**
 * Reads stored messages back in plaintext (opening their sealed content), for snippets and
 * answers. Messages that are gone, erased or unreadable are left out of the map.
 *
 * @example
 * const found = await source.getMessages(guildId, [{ channelId, messageId, createdAt }]);
 */
export interface MessageSource {
  getMessages(guildId: string, refs: readonly MessageRef[]): Promise<Map<string, KnowledgeMessage>>;
}

/**
 * Stores messages (sealed) so they can be read back; ingestion calls it before indexing, so an
 * indexed message always has its text stored.
 *
 * @example
 * await sink.storeMessages(guildId, messages);
 */
export interface MessageSink {
  storeMessages(guildId: string, messages: readonly KnowledgeMessage[]): Promise<void>;
}

/**
 * Which members asked not to be remembered ("don't remember me"), so nothing of theirs is
 * indexed.
 *
 * @example
 * const skipped = await optOuts.optedOut(guildId, ["80351110224678912"]); // Set { … }
 */
export interface OptOutCheck {
  optedOut(guildId: string, userIds: readonly string[]): Promise<Set<string>>;
}
