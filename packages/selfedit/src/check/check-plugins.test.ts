import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkPlugins } from "./check-plugins.ts";

let root: string;
afterEach(async () => rm(root, { recursive: true, force: true }));

async function pluginFile(name: string, text: string) {
  root ??= await mkdtemp(join(tmpdir(), "megawatts-plugins-check-"));
  const dir = join(root, "packages/plugins/demo/src");
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, name), text);
}

describe("checkPlugins", () => {
  it("reports what a self-edit would be refused for, by file and line", async () => {
    root = await mkdtemp(join(tmpdir(), "megawatts-plugins-check-"));
    await pluginFile("ok.ts", "export const answer = 42;\n");
    await pluginFile("bad.ts", 'export const run = (code: string) => globalThis["ev" + "al"](code);\n');

    const findings = await checkPlugins(root);

    expect(findings.map((finding) => [finding.file, finding.line, finding.rule])).toEqual([
      ["packages/plugins/demo/src/bad.ts", 1, "security/eval"],
    ]);
  });

  it("passes every plugin in this repository", async () => {
    root = await mkdtemp(join(tmpdir(), "megawatts-plugins-check-"));
    const repo = new URL("../../../../", import.meta.url).pathname;

    expect(await checkPlugins(repo)).toEqual([]);
  });
});
