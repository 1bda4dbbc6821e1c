// The knowledge feature's public API: ingestion, search, autocomplete, answers and erasure as
// use cases over ports, and the adapters that live in core (memory, warm tier, files).
export type { Citation } from "./answer/citations.ts";
export { FOLLOW_UP_SECONDS } from "./answer/conversation.ts";
export { type Answer, type AskInput, ask } from "./ask.ts";
export { type AutocompleteOptions, autocomplete } from "./autocomplete.ts";
export {
  BackfillBusyError,
  type BackfillDeps,
  type BackfillInput,
  type BackfillProgress,
  backfillChannel,
} from "./backfill/backfill-channel.ts";
export type { BackfillCursor } from "./backfill/cursor.ts";
export { type SyncResult, syncChannels } from "./backfill/sync-channels.ts";
export { type SyncMarker, syncMarkers } from "./backfill/sync-markers.ts";
export { type ContextOptions, DEFAULT_CONTEXT } from "./context/conversation.ts";
export { CORPUS_DIMENSIONS } from "./corpus/cooccurrence.ts";
export {
  type CorpusEmbeddingOptions,
  corpusEmbeddingModel,
  embedderFor,
  type GuildEmbeddingModel,
} from "./corpus/corpus-embeddings.ts";
export {
  DEFAULT_SETTINGS,
  type FusionSettings,
  type KnowledgeDeps,
  KnowledgeInputError,
  type KnowledgeSettings,
  type SearchMode,
} from "./deps.ts";
export { type ForgetCounts, forgetAuthor, forgetMessages } from "./forget.ts";
export { MessageFileError, parseMessagesJsonl } from "./ingest/jsonl.ts";
export { createMemoryMessages } from "./ingest/memory-messages.ts";
export { profileOptOuts, staticOptOuts } from "./ingest/opt-outs.ts";
export type {
  KnowledgeMessage,
  MessageRef,
  MessageSink,
  MessageSource,
  OptOutCheck,
} from "./ingest/ports.ts";
export { MESSAGE_CONTENT_PURPOSE, rememberedMessageSource } from "./ingest/remembered-messages.ts";
export { rememberedMessageSink } from "./ingest/remembered-sink.ts";
export { type IngestCounts, ingestMessages } from "./ingest.ts";
export type { MessageFilter } from "./keyword/bm25.ts";
export { createDocumentKeywordStore } from "./keyword/document-store.ts";
export { createFileKeywordStore } from "./keyword/file-store.ts";
export { createKeywordIndex, type KeywordIndex, type KeywordIndexOptions } from "./keyword/keyword-index.ts";
export { createMemoryKeywordStore } from "./keyword/memory-store.ts";
export type { KeywordLogEntry, KeywordLogStore, KeywordSnapshot, KnownLog } from "./keyword/ports.ts";
export { derivedTermKeys, type SealedKeyStore, sealedTermKeys, type TermKeys } from "./keyword/term-keys.ts";
export { knowledgeIndexSource, privacySources } from "./knowledge-source.ts";
export { isNoVectorIndex, noVectorIndex } from "./no-vector-index.ts";
export { reciprocalRankFusion, weightedScoreFusion } from "./retrieval/fusion.ts";
export { publishVocabulary } from "./retrieval/recent-searches.ts";
export { jumpLink, type SearchResult } from "./retrieval/results.ts";
export { type Candidate, type Retrieved, retrieve } from "./retrieval/retrieve.ts";
export { type SearchInput, type SearchPage, search } from "./search.ts";
export type { ChannelHistory, HistoryMessage, KnowledgeServices, VectorBackend } from "./services.ts";
export { normalizeMessage } from "./text/normalize.ts";
export { words } from "./text/tokens.ts";
