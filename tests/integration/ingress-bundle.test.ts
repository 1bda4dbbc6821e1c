import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Bundle, bundle } from "../../bench/lib/bundle.ts";
import { repoRoot } from "../../bench/lib/paths.ts";

// The ingress as its Lambda ships it (esbuild with splitting, as SST builds it): what a cold
// start loads is the entry and the chunks it imports statically; everything else must wait for
// the first interaction that needs it (docs/ingress-performance.md).
let dir: string;
let ingress: Bundle;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ingress-bundle-"));
  ingress = await bundle("functions/http/interactions.ts", dir);
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

function staticChunks() {
  const entry = relative(repoRoot, ingress.file);
  const output = ingress.metafile.outputs[entry];
  if (!output) throw new Error(`no output for ${entry}`);
  return output.imports
    .filter((imported) => imported.kind === "import-statement" && !imported.external)
    .map((imported) => ({
      path: imported.path,
      inputs: Object.keys(ingress.metafile.outputs[imported.path]?.inputs ?? {}),
    }));
}

describe("the ingress bundle", () => {
  it("loads at a cold start no chunk that holds the project's own code", () => {
    const chunks = staticChunks();

    expect(chunks.length).toBeLessThanOrEqual(1);
    for (const chunk of chunks)
      expect(chunk.inputs.filter((input) => !input.includes("node_modules/"))).toEqual([]);
  });

  it("loads the plugins, the use case and the queue and table calls from one chunk, on demand", () => {
    const outputs = Object.entries(ingress.metafile.outputs);
    const holding = (input: string) =>
      outputs.filter(([, output]) => input in output.inputs).map(([path]) => path);
    const interactions = holding("packages/runtime/src/compose/lambda-interactions.ts");

    expect(interactions).toHaveLength(1);
    for (const input of [
      "packages/core/src/interaction/handle-interaction.ts",
      "packages/runtime/src/compose/ingress-registry.ts",
      "packages/runtime/src/compose/ingress-queue.ts",
      "packages/runtime/src/compose/ingress-plugin-states.ts",
    ])
      expect(holding(input)).toEqual(interactions);
    expect(staticChunks().map((chunk) => chunk.path)).not.toContain(interactions[0]);
  });

  it("carries no OpenAI, Pinecone, GitHub or AWS SDK client", () => {
    const inputs = Object.values(ingress.metafile.outputs).flatMap((output) => Object.keys(output.inputs));

    expect(
      inputs.filter((input) =>
        /node_modules\/(openai|@pinecone-database|octokit|@octokit|@aws-sdk\/client-[^/]+)\//.test(input),
      ),
    ).toEqual([]);
  });
});
