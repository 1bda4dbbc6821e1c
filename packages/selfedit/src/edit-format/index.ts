export { formatEdits } from "./format-edits.ts";
export { parseEdits } from "./parse-edits.ts";
export type { EditBlock, EditParseIssue, ParsedEdits } from "./types.ts";
