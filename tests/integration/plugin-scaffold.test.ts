import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { catalogEdits, pluginFiles } from "../../packages/local/src/scaffold/plugin-files.ts";

const run = promisify(execFile);
const ROOT = new URL("../../", import.meta.url).pathname;
// A probe inside the repository, so the generated code resolves @megawatts/* as a plugin would.
const ID = `scaffold-probe-${process.pid}`;
const DIR = join(ROOT, "packages/plugins", ID);
const TSCONFIG = join(ROOT, `tsconfig.${ID}.json`);

afterAll(async () => {
  await rm(DIR, { recursive: true, force: true });
  await rm(TSCONFIG, { force: true });
});

describe("npm run plugin:new's output", () => {
  it("passes the lint, the type-check, the plugin security scan and its own tests as generated", async () => {
    for (const [path, text] of Object.entries(pluginFiles(ID))) {
      await mkdir(dirname(join(ROOT, path)), { recursive: true });
      await writeFile(join(ROOT, path), text);
    }
    await writeFile(
      TSCONFIG,
      JSON.stringify({ extends: "./tsconfig.json", include: [`packages/plugins/${ID}/**/*.ts`] }),
    );

    await run("npx", ["biome", "check", "--write", DIR], { cwd: ROOT });
    await run("npx", ["biome", "check", DIR], { cwd: ROOT });
    await run("npx", ["tsc", "-p", TSCONFIG], { cwd: ROOT });
    const tests = await run("npx", ["vitest", "run", "--project", "unit", DIR], { cwd: ROOT });
    expect(tests.stdout).toMatch(/Tests\s+.*2 passed/);
    const { checkPlugins } = await import("../../packages/selfedit/src/check/check-plugins.ts");
    expect(await checkPlugins(ROOT, `packages/plugins/${ID}`)).toEqual([]);
  }, 240_000);

  it("adds both halves and the manifest to the catalog, once", async () => {
    const paths = ["ingress.ts", "worker.ts", "manifests.ts"].map((name) => `packages/catalog/src/${name}`);
    const current = Object.fromEntries(
      await Promise.all(
        [...paths, "packages/catalog/package.json"].map(async (path) => [
          path,
          await readFile(join(ROOT, path), "utf8"),
        ]),
      ),
    );

    const edited = catalogEdits("weather", current);

    expect(edited["packages/catalog/src/ingress.ts"]).toMatch(/weatherIngress,?\s*\]/);
    expect(edited["packages/catalog/src/worker.ts"]).toMatch(/weatherWorker,?\s*\]/);
    expect(edited["packages/catalog/src/manifests.ts"]).toMatch(/, weather\]/);
    expect(JSON.parse(edited["packages/catalog/package.json"] ?? "{}").dependencies).toHaveProperty(
      "@megawatts/plugin-weather",
    );
    expect(() => catalogEdits("weather", { ...current, ...edited })).toThrow(
      'the catalog already lists "weather"',
    );
  });
});
