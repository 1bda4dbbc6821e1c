import type { CodeChunk } from "./chunk-declarations.ts";

const fenceFor = (path: string) => (/\.[cm]?tsx?$/.test(path) ? "ts" : (path.split(".").pop() ?? ""));

function fileLine(path: string, chunks: readonly CodeChunk[]): string {
  const exported = chunks
    .filter((chunk) => chunk.exported && chunk.kind !== "imports")
    .map((chunk) => `${chunk.name} (${chunk.kind})`);
  return exported.length > 0 ? `- ${path}: ${exported.join(", ")}` : `- ${path}`;
}

/**
 * The repository map: one line per file with its exported declarations, cut at `maxChars`
 * with a count of the files left out.
 *
 * @example
 * renderMap(new Map([["src/a.ts", chunks]]), 4_000);
 * // "Files (1):\n- src/a.ts: add (function)"
 */
export function renderMap(chunksByFile: ReadonlyMap<string, readonly CodeChunk[]>, maxChars: number): string {
  const lines = [...chunksByFile].map(([path, chunks]) => fileLine(path, chunks));
  const head = `Files (${lines.length}):`;
  let length = head.length;
  const kept: string[] = [];
  for (const line of lines) {
    if (length + line.length + 1 > maxChars - 40) break;
    kept.push(line);
    length += line.length + 1;
  }
  const more = lines.length - kept.length;
  return [head, ...kept, ...(more > 0 ? [`- …and ${more} more files`] : [])].join("\n");
}

/**
 * The chosen declarations, grouped by file, each as exact text in a fence under its line
 * range, so a model can copy SEARCH text from it.
 *
 * @example
 * renderCode(chunks); // "### src/a.ts\nlines 1–4:\n```ts\nexport function add…\n```"
 */
export function renderCode(chunks: readonly CodeChunk[]): string {
  const parts: string[] = [];
  let path: string | undefined;
  for (const chunk of chunks) {
    if (chunk.path !== path) {
      path = chunk.path;
      parts.push(`### ${path}`);
    }
    const fence = fenceFor(chunk.path);
    parts.push(`lines ${chunk.startLine}–${chunk.endLine}:\n\`\`\`${fence}\n${chunk.text}\`\`\``);
  }
  return parts.join("\n");
}
