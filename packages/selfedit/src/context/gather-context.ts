import type { RepositorySnapshot } from "../snapshot/ports.ts";
import { type CodeChunk, chunkDeclarations } from "./chunk-declarations.ts";
import { type Embedder, rankChunks } from "./rank-chunks.ts";
import { renderCode, renderMap } from "./render-context.ts";
import { candidateFiles } from "./target.ts";

export interface ContextOptions {
  base: RepositorySnapshot;
  request: string;
  /** A plugin id, file, folder or glob that narrows what is shown. */
  target?: string | undefined;
  /** Where edits may go, when no target is given (default `packages/plugins/**`). */
  scope?: readonly string[];
  /** Tokens the map and code may take together (default 12,000; about 4 characters a token). */
  budgetTokens?: number;
  embedder?: Embedder | undefined;
}

/** The code a model is shown for one request, within a token budget. */
export interface GatheredContext {
  commit: string;
  /** Every candidate file, with its exported names: the repository map. */
  map: string;
  /** The chosen declarations, by file and line. */
  chunks: CodeChunk[];
  /** The map and the chosen code, ready for a prompt. */
  text: string;
  tokens: number;
  /** Candidate files (under the target or in scope). */
  files: string[];
}

/** Tokens as the budget counts them: a quarter of the characters. */
export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

/**
 * Gathers the code relevant to a request at the base commit: a map of the candidate files and
 * their exported symbols (at most a quarter of the budget), then the best-ranked top-level
 * declarations, each with its file's imports, until the budget is spent.
 *
 * @example
 * const context = await gatherContext({ base, request: "greet strangers warmly", target: "greet" });
 * prompt += context.text;
 */
export async function gatherContext(options: ContextOptions): Promise<GatheredContext> {
  const budget = options.budgetTokens ?? 12_000;
  const scope = options.scope ?? ["packages/plugins/**"];
  const files = candidateFiles(await options.base.listFiles(), { target: options.target, scope });
  const texts = await Promise.all(
    files.map(async (path) => [path, await options.base.readFile(path)] as const),
  );
  const chunksByFile = new Map(texts.map(([path, text]) => [path, chunkDeclarations(path, text ?? "")]));
  const map = renderMap(chunksByFile, Math.floor(budget / 4) * 4);
  let left = budget - estimateTokens(map);

  const all = [...chunksByFile.values()].flat().filter((chunk) => chunk.kind !== "imports");
  const query = options.target ? `${options.request} ${options.target}` : options.request;
  const chosen = new Set<CodeChunk>();
  for (const { chunk } of await rankChunks(all, query, options.embedder)) {
    const imports = chunksByFile.get(chunk.path)?.find((candidate) => candidate.kind === "imports");
    const extra = imports && !chosen.has(imports) ? [imports] : [];
    const cost = [chunk, ...extra].reduce((sum, item) => sum + estimateTokens(item.text) + 12, 0);
    if (cost > left) continue;
    for (const item of [...extra, chunk]) chosen.add(item);
    left -= cost;
  }
  const chunks = [...chosen].sort((a, b) => a.path.localeCompare(b.path) || a.startLine - b.startLine);
  const text = `${map}\n\n${renderCode(chunks)}`;
  return { commit: options.base.commit, map, chunks, text, tokens: estimateTokens(text), files };
}
