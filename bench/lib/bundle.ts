import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { repoRoot } from "./paths.ts";

export interface Bundle {
  /** The entry file Lambda loads at a cold start. */
  file: string;
  /** The entry file alone. */
  entryBytes: number;
  /** Everything shipped: the entry and the chunks it imports on demand. */
  bytes: number;
  metafile: Metafile;
}

// What the Lambda ships (stacks/api.ts): everything inside, ESM for Node 20, with code
// splitting, so what is imported on demand (the signed SQS and DynamoDB calls, on the first
// deferral) sits in its own chunk and is neither read nor compiled at a cold start. The banner is
// what SST puts in front of ESM bundles: a `require` and CommonJS's `__filename` and `__dirname`,
// so CommonJS dependencies that use them still load.
export async function bundle(entry: string, outdir: string): Promise<Bundle> {
  const dir = join(outdir, entry.replaceAll("/", "_").replace(/\.ts$/, ""));
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outdir: dir,
    entryNames: "[name]",
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    splitting: true,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    minify: true,
    mainFields: ["module", "main"],
    banner: {
      js: [
        "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
        "import{fileURLToPath as __fp}from'node:url';const __filename=__fp(import.meta.url);const __dirname=__fp(new URL('.',import.meta.url));",
      ].join(""),
    },
    metafile: true,
    logLevel: "silent",
  });
  const outputs = Object.entries(result.metafile.outputs);
  const [file, output] = outputs.find(([, out]) => out.entryPoint === entry) ?? [];
  if (!file || !output) throw new Error(`esbuild wrote nothing for ${entry}`);
  const bytes = outputs.reduce((sum, [, out]) => sum + out.bytes, 0);
  return { file: join(repoRoot, file), entryBytes: output.bytes, bytes, metafile: result.metafile };
}
