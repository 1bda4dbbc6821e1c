import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { catalogEdits, PLUGIN_ID, pluginFiles } from "../scaffold/plugin-files.ts";

// Usage: npm run plugin:new -- <id>
const USAGE = "usage: npm run plugin:new -- <id>   (kebab-case, e.g. weather or role-menu)";
const CATALOG = [
  "packages/catalog/src/ingress.ts",
  "packages/catalog/src/worker.ts",
  "packages/catalog/src/manifests.ts",
  "packages/catalog/package.json",
];

async function main(argv: string[], root: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [id] = positionals;
  if (!id || positionals.length > 1 || !PLUGIN_ID.test(id)) {
    console.error(`${id ? `"${id}" is not a plugin id. ` : ""}${USAGE}`);
    return 64;
  }
  if (existsSync(join(root, "packages/plugins", id))) {
    console.error(`packages/plugins/${id} already exists; pick another id.`);
    return 64;
  }
  const current = Object.fromEntries(
    await Promise.all(CATALOG.map(async (path) => [path, await readFile(join(root, path), "utf8")] as const)),
  );
  const files = { ...pluginFiles(id), ...catalogEdits(id, current) };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
    console.log(`  wrote ${path}`);
  }
  console.log("  linking the new workspace package (npm install)…");
  execFileSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  execFileSync("npx", ["biome", "check", "--write", ...Object.keys(files)], { cwd: root, stdio: "inherit" });
  console.log(
    [
      "",
      `  Plugin "${id}" is ready: packages/plugins/${id}`,
      `  Try it:  npm run dev, then npm run discord -- ${id.replaceAll("-", "")}`,
      `  Test it: npx vitest run packages/plugins/${id}`,
      "  Then: describe it in its manifest, add commands, and name the ports the worker needs.",
    ].join("\n"),
  );
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
} catch (error) {
  console.error(`plugin:new failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof TypeError ? 64 : 1;
}
