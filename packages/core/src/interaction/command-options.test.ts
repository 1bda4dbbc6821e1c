import { describe, expect, it } from "vitest";
import { commandOptions } from "./command-options.ts";

describe("commandOptions", () => {
  it("follows a subcommand group down to its subcommand and keeps its values by name", () => {
    const options = commandOptions({
      options: [
        {
          type: 2,
          name: "create",
          options: [
            {
              type: 1,
              name: "keyword",
              options: [
                { type: 3, name: "words", value: "free nitro" },
                { type: 4, name: "timeout_minutes", value: 10 },
                { type: 5, name: "block", value: false },
              ],
            },
          ],
        },
      ],
    });

    expect(options).toEqual({
      path: ["create", "keyword"],
      values: { words: "free nitro", timeout_minutes: 10, block: false },
    });
  });

  it("reads a command without subcommands, and one without options", () => {
    expect(commandOptions({ options: [{ type: 3, name: "query", value: "upload" }] })).toEqual({
      path: [],
      values: { query: "upload" },
    });
    expect(commandOptions({})).toEqual({ path: [], values: {} });
  });
});
