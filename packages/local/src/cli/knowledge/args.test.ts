import { describe, expect, it } from "vitest";
import { UsageError } from "../args.ts";
import { parseKnowledgeArgs } from "./args.ts";

const GUILD = "81384788765712384";

describe("parseKnowledgeArgs", () => {
  it("reads an ingest of a file, with --json anywhere", () => {
    expect(parseKnowledgeArgs(["ingest", "--json", "--guild", GUILD, "--file", "m.jsonl"])).toEqual({
      action: "ingest",
      guild: GUILD,
      file: "m.jsonl",
      json: true,
    });
  });

  it("reads a search with a mode and a limit", () => {
    expect(
      parseKnowledgeArgs([
        "search",
        "--guild",
        GUILD,
        "--query",
        "deploy fails",
        "--mode",
        "hybrid",
        "--limit",
        "5",
      ]),
    ).toEqual({
      action: "search",
      guild: GUILD,
      query: "deploy fails",
      mode: "hybrid",
      filters: {},
      limit: 5,
      json: false,
    });
  });

  it("reads /search's filters, days as 00:00 UTC, and a file of queries", () => {
    const args = parseKnowledgeArgs([
      "search",
      "--guild",
      GUILD,
      "--queries",
      "queries.jsonl",
      "--channel",
      "81384788765712385",
      "--author",
      "80351110224678912",
      "--after",
      "2026-01-05",
      "--before",
      "2026-02-01",
    ]);
    expect(args).toMatchObject({
      action: "search",
      queries: "queries.jsonl",
      filters: {
        channelId: "81384788765712385",
        authorId: "80351110224678912",
        after: Date.UTC(2026, 0, 5),
        before: Date.UTC(2026, 1, 1),
      },
    });
    expect(args).not.toHaveProperty("query");
  });

  it.each([
    [["purge"], /Usage: npm run knowledge/],
    [["search", "--guild", "42", "--query", "x"], /--guild needs a Discord id/],
    [["search", "--guild", GUILD], /search needs --query/],
    [["search", "--guild", GUILD, "--query", "x", "--queries", "q.jsonl"], /not both/],
    [["search", "--guild", GUILD, "--query", "x", "--after", "yesterday"], /--after needs a day like/],
    [["search", "--guild", GUILD, "--query", "x", "--channel", "general"], /--channel needs a Discord id/],
    [
      ["search", "--guild", GUILD, "--query", "x", "--mode", "fuzzy"],
      /--mode is keyword, semantic or hybrid/,
    ],
    [["search", "--guild", GUILD, "--query", "x", "--limit", "99"], /--limit is a whole number/],
    [["ingest", "--guild", GUILD], /ingest needs --file/],
    [["ingest", "--guild", GUILD, "--file", "f", "--query", "x"], /unknown option --query for ingest/],
  ])("refuses %j with a message saying what to type", (argv, message) => {
    expect(() => parseKnowledgeArgs(argv)).toThrow(UsageError);
    expect(() => parseKnowledgeArgs(argv)).toThrow(message);
  });
});
