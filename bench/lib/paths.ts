import { fileURLToPath } from "node:url";

/** The repository root, so the bench runs the same from any working directory. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
