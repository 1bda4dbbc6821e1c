const cache = new Map<string, RegExp>();

function toRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === "*" && glob[i + 1] === "*") {
      // "**/" matches any number of folders, none included; a final "**" matches the rest.
      const slash = glob[i + 2] === "/";
      source += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/**
 * Whether a repository-relative path matches a glob: `*` within a folder, `**` across
 * folders, `?` one character.
 *
 * @example
 * matchesGlob("packages/plugins/dice/src/roll.ts", "packages/plugins/**"); // true
 * matchesGlob("packages/core/package.json", "**\/package.json"); // true
 */
export function matchesGlob(path: string, glob: string): boolean {
  let regexp = cache.get(glob);
  if (!regexp) {
    regexp = toRegExp(glob);
    cache.set(glob, regexp);
  }
  return regexp.test(path);
}

/** Whether a path matches any of the globs. */
export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => matchesGlob(path, glob));
}
