import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { reloadOnChange } from "./supervisor.ts";

let root: string;
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe("reloadOnChange", () => {
  it("starts the bot again once after a burst of saves to a plugin, naming the file", async () => {
    root = await mkdtemp(join(tmpdir(), "megawatts-reload-"));
    await mkdir(join(root, "packages/plugins/demo/src"), { recursive: true });
    const starts: (string | undefined)[] = [];
    const stops: number[] = [];
    const running = reloadOnChange({
      root,
      folders: ["packages/plugins"],
      start: (reloadedFor) => starts.push(reloadedFor),
      stop: async (id) => {
        stops.push(id);
      },
      quietMs: 50,
    });

    const file = join(root, "packages/plugins/demo/src/worker.ts");
    await writeFile(file, "export const a = 1;\n");
    await writeFile(file, "export const a = 2;\n");
    await until(() => starts.length === 2);
    await running.close();

    expect(starts).toEqual([undefined, "packages/plugins/demo/src/worker.ts"]);
    expect(stops).toEqual([1, 2]);
  });

  it("ignores test files", async () => {
    root = await mkdtemp(join(tmpdir(), "megawatts-reload-"));
    await mkdir(join(root, "packages/plugins/demo/src"), { recursive: true });
    const starts: (string | undefined)[] = [];
    const running = reloadOnChange({
      root,
      folders: ["packages/plugins"],
      start: (reloadedFor) => starts.push(reloadedFor),
      stop: async () => {},
      quietMs: 50,
    });

    await writeFile(join(root, "packages/plugins/demo/src/worker.test.ts"), "// a test\n");
    await new Promise((resolve) => setTimeout(resolve, 300));
    await running.close();

    expect(starts).toEqual([undefined]);
  });
});
