/**
 * A count with its noun in the right number: "1 file", "2 files". (This package does not
 * depend on `@megawatts/core`, which has the same helper.)
 *
 * @example
 * plural(1, "round"); // "1 round"
 */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? noun : nouns}`;
}
