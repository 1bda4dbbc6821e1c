/**
 * A repository as it was at one commit. The validator reads the base of a change through it;
 * adapters read a local clone (`openGitSnapshot`), memory (`createMemorySnapshot`) or, in a
 * worker, a hosting service's API.
 */
export interface RepositorySnapshot {
  /** The commit the files come from (a full sha for git snapshots). */
  commit: string;
  /** The file's text, or `undefined` when no such file exists at this commit. */
  readFile(path: string): Promise<string | undefined>;
  /** Every tracked file, repository-relative with forward slashes, sorted. */
  listFiles(): Promise<string[]>;
}
