const COMMENT_FORMS = [
  /^(?:\/\/+|--)\s*(.*)$/,
  /^#+(?:\s+(.*))?$/,
  /^\/\*+\s*(.*?)\s*\*+\/[,;]?$/,
  /^<!--\s*(.*?)\s*-->$/,
  /^\{\s*\/\*\s*(.*?)\s*\*\/\s*\}$/,
];
const TRAILING = /(?:\/\/|\/\*)\s*((?:\.{3}|…).*?)(?:\*\/)?$/;
const ELLIPSIS = /^[([]?(?:\.{3}|…)|(?:\.{3}|…)[)\]]?$/;
const PHRASES =
  /\b(?:existing (?:code|implementation|logic|content|methods|functions|imports|tests|cases|properties|fields|commands|handlers)|rest of (?:the )?(?:file|code|function|class|module|implementation|component|method|object|array|tests?|handlers?|commands?)|(?:remains?|stays?|is|are|left) (?:the same|unchanged|as is)|unchanged|same as (?:before|above|original|the original)|previous (?:code|implementation|content)|(?:code|content|implementation|lines) (?:omitted|elided|removed for brevity)|omitted|for brevity|keep (?:the )?existing|other (?:methods|functions|code|cases|imports|properties|commands|handlers|fields))\b/i;

/** The comment text of a line that is only a comment, or a trailing "// ..." after code. */
function commentBody(line: string): string | undefined {
  const text = line.trim();
  if (text === "..." || text === "…" || text === "...," || text === "…,") return text;
  for (const form of COMMENT_FORMS) {
    const body = form.exec(text)?.[1];
    if (body !== undefined) return body.trim();
  }
  return TRAILING.exec(text)?.[1]?.trim();
}

/** Whether a comment stands for code the model left out rather than saying something. */
function isPlaceholder(body: string): boolean {
  if (body.split(/\s+/).length > 10) return false;
  return ELLIPSIS.test(body) || PHRASES.test(body) || body === "..." || body === "…";
}

/** A line of REPLACE text that stands for elided code. */
export interface Placeholder {
  /** 1-based line within the REPLACE text. */
  line: number;
  text: string;
}

/**
 * Finds comments such as `// ... existing code ...` or `/* rest of file unchanged *\/` in the
 * REPLACE text; a line that also appears in the SEARCH text is real content and is allowed.
 */
export function findPlaceholders(replace: string, search: string): Placeholder[] {
  const inSearch = new Set(search.split("\n").map((line) => line.trim()));
  const found: Placeholder[] = [];
  replace.split("\n").forEach((line, i) => {
    const body = commentBody(line);
    if (body !== undefined && isPlaceholder(body) && !inSearch.has(line.trim()))
      found.push({ line: i + 1, text: line.trim() });
  });
  return found;
}
