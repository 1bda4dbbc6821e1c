import type { GatheredContext } from "../context/gather-context.ts";
import type { ValidationConfig } from "../validate/config.ts";

/** One message of a chat with a model (structurally the core `ChatMessage`). */
export interface PromptMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

const FENCE = "```";

/**
 * The system prompt: the exact edit format, and the rules the validator will hold the answer
 * to (exact SEARCH text, no placeholders, allowed paths only).
 *
 * @example
 * const system = systemPrompt({ scope: ["packages/plugins/**"], protected: [".github/**"] });
 */
export function systemPrompt(config: Pick<ValidationConfig, "scope" | "protected">): string {
  return [
    "You change the code of a TypeScript Discord bot. Answer with one short sentence saying what you change, then SEARCH/REPLACE blocks, and nothing else.",
    "",
    "Each block is the file's repository path on its own line, then:",
    `${FENCE}ts`,
    "<<<<<<< SEARCH",
    "<lines copied exactly from the code you were shown>",
    "=======",
    "<the lines that replace them>",
    ">>>>>>> REPLACE",
    FENCE,
    "",
    "Rules:",
    "- Copy SEARCH lines character for character from the code shown, indentation included, whole lines only, never line numbers. Quote enough lines to match exactly one place in the file.",
    "- Never abbreviate: no `...`, no `// rest unchanged`, no placeholder comments. Everything between ======= and >>>>>>> REPLACE replaces the SEARCH lines completely.",
    "- An empty SEARCH creates a new file whose whole content is the REPLACE text.",
    `- Only edit paths matching: ${config.scope.join(", ")}. Never touch: ${config.protected.join(", ")}.`,
    "- Keep the change as small as the request allows; follow the style of the surrounding code; update or add the colocated *.test.ts when behaviour changes.",
    "- No new dependencies, no eval or Function, no child processes or file writes, no process.env outside config.ts, no network hosts beyond those already used.",
    "- When you are told your blocks were rejected, answer again with the complete corrected set of blocks against the original code: earlier answers were not applied.",
  ].join("\n");
}

/**
 * The first user message: the request, its target and the gathered code.
 *
 * @example
 * const user = requestPrompt("Greet strangers more warmly", context, "greet");
 */
export function requestPrompt(request: string, context: GatheredContext, target?: string): string {
  return [
    `Request from a maintainer: ${request.trim()}`,
    ...(target ? [`Target: ${target}`] : []),
    `Base commit: ${context.commit}`,
    "",
    "The repository (map of files, then the most relevant code):",
    "",
    context.text,
  ].join("\n");
}

/**
 * The user message after a rejected round: the validator's findings and what to send back.
 *
 * @example
 * messages.push({ role: "user", content: repairPrompt(formatFeedback(report)) });
 */
export function repairPrompt(feedback: string): string {
  return [
    feedback,
    "",
    "Answer again with the complete corrected set of SEARCH/REPLACE blocks, against the original code shown earlier.",
  ].join("\n");
}
