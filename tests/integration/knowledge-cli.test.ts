import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { provisionLocalResources, resourceNames, writeRunningStandIns } from "@megawatts/local";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runIngest } from "../../packages/local/src/cli/knowledge/commands.ts";
import { knowledgeRuntime } from "../../packages/local/src/cli/knowledge/runtime.ts";
import { standInClients, uniquePrefix } from "./helpers.ts";

const run = promisify(execFile);
const GUILD = "1100000000000000021";
let dataDir: string;

/** Runs `npm run knowledge -- …` as an operator would, on a data dir whose bot "runs" on the shared stand-ins. */
async function knowledge(...args: string[]) {
  const { stdout } = await run(
    join("node_modules", ".bin", "tsx"),
    ["packages/local/src/cli/knowledge.ts", ...args],
    {
      env: { ...process.env, MEGAWATTS_DATA_DIR: dataDir },
    },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "null");
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "megawatts-knowledge-cli-"));
  const resources = await provisionLocalResources(standInClients(), resourceNames(uniquePrefix("kn-cli")));
  await writeRunningStandIns(dataDir, { pid: process.pid, endpoints: inject("standIns"), resources });
  const line = (id: string, content: string, extra: object = {}) =>
    JSON.stringify({
      id,
      channel_id: "1100000000000000003",
      author_id: "80351110224678060",
      timestamp: "2026-02-03T10:00:00Z",
      content,
      ...extra,
    });
  const lines = [
    line("1200000000000000001", "why does the upload fail with 413 behind nginx?"),
    line("1200000000000000002", "raise client_max_body_size in the nginx server block", {
      reply_to: "1200000000000000001",
    }),
    line("1200000000000000003", "lunch at noon?"),
  ];
  await writeFile(join(dataDir, "messages.jsonl"), `${lines.join("\n")}\n`);
}, 60_000);

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe("npm run knowledge", () => {
  it("ingests a JSON Lines file and finds its messages, ranked, with scores", async () => {
    const file = join(dataDir, "messages.jsonl");
    // Three own chunks, and a context chunk each for the reply and the message after it.
    expect(await knowledge("ingest", "--guild", GUILD, "--file", file, "--json")).toMatchObject({
      messages: 3,
      new: 3,
      chunks: 5,
    });
    const found = await knowledge(
      "search",
      "--guild",
      GUILD,
      "--query",
      "nginx 413 upload",
      "--mode",
      "hybrid",
      "--json",
    );
    expect(found.mode).toBe("hybrid");
    expect(
      found.results
        .slice(0, 2)
        .map((r: { messageId: string }) => r.messageId)
        .sort(),
    ).toEqual(["1200000000000000001", "1200000000000000002"]);
    expect(found.results[0].score).toBeGreaterThan(0);
  });

  it("applies /search's filters and runs a file of queries on one start, with their times", async () => {
    const queries = join(dataDir, "queries.jsonl");
    await writeFile(
      queries,
      `${JSON.stringify({ id: "a", query: "nginx upload" })}\n${JSON.stringify({ id: "b", query: "lunch", mode: "keyword" })}\n`,
    );
    const { stdout } = await run(
      join("node_modules", ".bin", "tsx"),
      ["packages/local/src/cli/knowledge.ts", "search", "--guild", GUILD, "--queries", queries, "--json"],
      { env: { ...process.env, MEGAWATTS_DATA_DIR: dataDir } },
    );
    const lines = stdout
      .trim()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.id ?? "summary")).toEqual(["a", "b", "summary"]);
    expect(lines[1]).toMatchObject({ mode: "keyword" });
    expect(lines[1].results[0].messageId).toBe("1200000000000000003");
    expect(lines[2]).toMatchObject({ queries: 2 });
    expect(lines[2].p95Ms).toBeGreaterThanOrEqual(lines[2].p50Ms);
    expect(lines[0].ms).toBeGreaterThan(0);
    const filtered = await knowledge(
      "search",
      "--guild",
      GUILD,
      "--query",
      "nginx upload",
      "--mode",
      "keyword",
      "--author",
      "80351110224678061",
      "--json",
    );
    expect(filtered.results).toEqual([]);
    const later = await knowledge(
      "search",
      "--guild",
      GUILD,
      "--query",
      "nginx",
      "--after",
      "2026-02-04",
      "--json",
    );
    expect(later.results).toEqual([]);
  });

  it("skips what it already indexed when the same file is ingested again", async () => {
    const runtime = await knowledgeRuntime({ MEGAWATTS_DATA_DIR: dataDir });
    const printed: string[] = [];
    const io = { out: (text: string) => printed.push(text), err: () => {} };
    try {
      const args = {
        action: "ingest" as const,
        guild: GUILD,
        file: join(dataDir, "messages.jsonl"),
        json: true,
      };
      await runIngest(runtime.deps, args, io);
    } finally {
      await runtime.close();
    }
    expect(runtime.where).toContain("running local bot");
    expect(JSON.parse(printed[0] ?? "null")).toMatchObject({ new: 0, duplicate: 3, tokens: 0 });
  });
});
