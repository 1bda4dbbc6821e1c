/** Offsets where `search` occurs in `content` starting at a line start, in order. */
export function findOccurrences(content: string, search: string): number[] {
  const found: number[] = [];
  for (let at = content.indexOf(search); at !== -1; at = content.indexOf(search, at + 1)) {
    if (at === 0 || content[at - 1] === "\n") found.push(at);
  }
  return found;
}

/** 1-based line number of a character offset. */
export function lineAt(content: string, offset: number): number {
  let line = 1;
  for (let i = content.indexOf("\n"); i !== -1 && i < offset; i = content.indexOf("\n", i + 1)) line++;
  return line;
}

const squeeze = (line: string) => line.trim().replace(/\s+/g, " ");
const linesOf = (text: string) => text.replace(/\n$/, "").split("\n");

/** 1-based first line where `search` matches when all whitespace differences are ignored. */
export function matchIgnoringWhitespace(content: string, search: string): number | undefined {
  const file = linesOf(content).map(squeeze);
  const wanted = linesOf(search).map(squeeze);
  for (let start = 0; start + wanted.length <= file.length; start++) {
    if (wanted.every((line, k) => line === file[start + k])) return start + 1;
  }
  return undefined;
}

function bigrams(text: string): Set<string> {
  const pairs = new Set<string>();
  for (let i = 0; i < text.length - 1; i++) pairs.add(text.slice(i, i + 2));
  return pairs;
}

/** Dice similarity of two lines (1 when equal ignoring surrounding whitespace). */
function similarity(a: string, b: string): number {
  const left = a.trim();
  const right = b.trim();
  if (left === right) return 1;
  if (left.length < 2 || right.length < 2) return 0;
  const x = bigrams(left);
  const y = bigrams(right);
  let shared = 0;
  for (const pair of x) if (y.has(pair)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** The region of the file most like the SEARCH text, and the first line where they differ. */
export interface ClosestRegion {
  /** 1-based first line of the region. */
  line: number;
  lastLine: number;
  /** 0..1, mean line similarity. */
  score: number;
  /** First differing pair, 1-based line in the file. */
  difference?: { line: number; file: string; search: string };
}

/** Slides a window of the SEARCH text's height over the file and keeps the most similar one. */
export function closestRegion(content: string, search: string): ClosestRegion | undefined {
  const file = linesOf(content);
  const wanted = linesOf(search);
  const height = Math.min(wanted.length, file.length);
  if (height === 0 || content === "") return undefined;
  let best = { start: 0, score: -1 };
  for (let start = 0; start + height <= file.length; start++) {
    let total = 0;
    for (let k = 0; k < height; k++) total += similarity(wanted[k] ?? "", file[start + k] ?? "");
    if (total > best.score) best = { start, score: total };
  }
  const region: ClosestRegion = {
    line: best.start + 1,
    lastLine: best.start + height,
    score: best.score / height,
  };
  for (let k = 0; k < height; k++) {
    const inFile = file[best.start + k] ?? "";
    const inSearch = wanted[k] ?? "";
    if (inFile !== inSearch) {
      region.difference = { line: best.start + k + 1, file: inFile, search: inSearch };
      break;
    }
  }
  return region;
}

/** The listed path most like `wanted`: same file name first, then the most similar path. */
export function closestPath(wanted: string, paths: readonly string[]): string | undefined {
  const name = wanted.split("/").pop() ?? wanted;
  const sameName = paths.filter((path) => path.endsWith(`/${name}`) || path === name);
  const pool = sameName.length > 0 ? sameName : paths;
  let best: { path?: string; score: number } = { score: 0.5 };
  for (const path of pool) {
    const score = similarity(path, wanted) + (sameName.length > 0 ? 1 : 0);
    if (score > best.score) best = { path, score };
  }
  return best.path;
}
