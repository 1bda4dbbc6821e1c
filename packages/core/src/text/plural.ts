/**
 * A count with its noun in the right number: "1 page", "2 pages", "0 pages". Give the plural
 * when it is not the noun plus "s".
 *
 * @example
 * plural(1, "round"); // "1 round"
 * plural(3, "entry", "entries"); // "3 entries"
 */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? noun : nouns}`;
}
