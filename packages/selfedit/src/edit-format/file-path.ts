const FENCE = /^\s*(`{3,}|~{3,})(.*)$/;
const LOOKS_LIKE_PATH = /^[\w@$.+\-/\\[\]()]+$/;
const PREFIXES = /^(?:file(?:name)?|path)\s*[:=]\s*/i;

/** Whether a line opens or closes a Markdown code fence. */
export function isFence(line: string): boolean {
  return FENCE.test(line);
}

/** Strips Markdown decoration and a "File:" prefix, then returns the text if it reads as a path. */
export function cleanPath(text: string): string | undefined {
  let candidate = text.trim();
  // Decorations nest ("**File: `a.ts`**"), so strip until nothing changes.
  for (let previous = ""; previous !== candidate; ) {
    previous = candidate;
    candidate = candidate
      .replace(/^#+\s*/, "")
      .replace(PREFIXES, "")
      .replace(/^[*_`'"]+/, "")
      .replace(/[*_`'":]+$/, "")
      .trim();
  }
  candidate = candidate.replace(/\\/g, "/").replace(/^\.\//, "");
  if (candidate.length === 0 || !LOOKS_LIKE_PATH.test(candidate)) return undefined;
  // A path has a folder or an extension; a bare word ("typescript") is a fence language.
  if (!candidate.includes("/") && !/\.\w+$/.test(candidate)) return undefined;
  if (/^\.+$/.test(candidate)) return undefined;
  return candidate;
}

/** The path written on a fence line after the language, as in "```ts title=src/a.ts" or "```ts:src/a.ts". */
function pathOnFence(line: string): string | undefined {
  const rest = FENCE.exec(line)?.[2]?.trim() ?? "";
  const words = rest.split(/[\s:]+/).map((word) => word.replace(/^(?:title|file|path)=/, ""));
  for (const word of words.slice(1)) {
    const path = cleanPath(word);
    if (path) return path;
  }
  const only = words.length === 1 ? cleanPath(words[0] ?? "") : undefined;
  return only?.includes("/") ? only : undefined;
}

/**
 * Finds the file path a block names: the nearest non-blank line above its SEARCH marker,
 * looking through one opening code fence, within `lines[from..marker)`.
 */
export function findBlockPath(lines: readonly string[], from: number, marker: number): string | undefined {
  for (let i = marker - 1; i >= from; i--) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    if (isFence(line)) {
      const onFence = pathOnFence(line);
      if (onFence) return onFence;
      continue;
    }
    return cleanPath(line);
  }
  return undefined;
}
