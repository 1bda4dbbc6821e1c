export { checkBrackets } from "./apply/brackets.ts";
export { findPlaceholders } from "./apply/placeholders.ts";
export type { AppliedEdits, EditProblem, EditRule, FileChange } from "./apply.ts";
export { applyEdits } from "./apply.ts";
export { type CodeChunk, chunkDeclarations } from "./context/chunk-declarations.ts";
export {
  type ContextOptions,
  estimateTokens,
  type GatheredContext,
  gatherContext,
} from "./context/gather-context.ts";
export { type Embedder, rankChunks, terms } from "./context/rank-chunks.ts";
export { candidateFiles, TargetError, targetGlobs } from "./context/target.ts";
export { formatEdits, parseEdits } from "./edit-format/index.ts";
export type { EditBlock, EditParseIssue, ParsedEdits } from "./edit-format/types.ts";
export { CliUsageError, SnapshotError, ValidationConfigError } from "./errors.ts";
export { matchesGlob } from "./glob.ts";
export { type PromptMessage, repairPrompt, requestPrompt, systemPrompt } from "./propose/prompt.ts";
export {
  errorKey,
  type Proposal,
  type ProposalChat,
  type ProposalRound,
  type ProposalStop,
  type ProposeInput,
  proposeEdits,
  type TokenCount,
} from "./propose/propose-edits.ts";
export { createMemorySnapshot } from "./snapshot/memory-snapshot.ts";
export type { RepositorySnapshot } from "./snapshot/ports.ts";
export {
  type Policy,
  PRESETS,
  type PresetName,
  resolveConfig,
  type ValidationConfig,
  type ValidationOptions,
} from "./validate/config.ts";
export { unifiedDiff } from "./validate/diff.ts";
export { formatFeedback } from "./validate/feedback.ts";
export { securityViolations } from "./validate/security/index.ts";
export type {
  Decision,
  DiffStat,
  Impact,
  Risk,
  Severity,
  StageName,
  StageResult,
  StageStatus,
  ValidationReport,
  Violation,
} from "./validate/types.ts";
export {
  createValidator,
  type Validator,
  type ValidatorOptions,
  validateEdits,
} from "./validate/validator.ts";
export { guardedWriter } from "./writers/guarded-writer.ts";
export {
  branchFor,
  type FileWrite,
  type PullRequestInput,
  type PullRequestRef,
  RepositoryWriteError,
  type RepositoryWriter,
  type RevertInput,
  requestIdOfBranch,
} from "./writers/ports.ts";
export { type PullRequestFacts, pullRequestBody, pullRequestTitle } from "./writers/pull-request-text.ts";
export { type ReversedEdits, reverseEdits } from "./writers/reverse-edits.ts";
