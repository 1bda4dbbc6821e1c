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
      limit: 5,
      json: false,
    });
  });

  it.each([
    [["purge"], /Usage: npm run knowledge/],
    [["search", "--guild", "42", "--query", "x"], /--guild needs a Discord id/],
    [["search", "--guild", GUILD], /search needs --query/],
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
