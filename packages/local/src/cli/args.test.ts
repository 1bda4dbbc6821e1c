import { describe, expect, it } from "vitest";
import { parseSimulatorArgs } from "./args.ts";

describe("parseSimulatorArgs", () => {
  it("splits the action, a subcommand path and options", () => {
    const args = parseSimulatorArgs(["config", "set", "--ratio", "0.5", "--guild=1200000000000000001"]);

    expect(args).toEqual({
      action: "config",
      positionals: ["set"],
      options: [
        ["ratio", "0.5"],
        ["guild", "1200000000000000001"],
      ],
    });
  });

  it("reads a flag without a value as true", () => {
    expect(parseSimulatorArgs(["status", "--admin", "--raw"]).options).toEqual([
      ["admin", "true"],
      ["raw", "true"],
    ]);
  });

  it("never takes the next word as the value of --admin", () => {
    expect(parseSimulatorArgs(["status", "--admin", "extra"])).toMatchObject({
      positionals: ["extra"],
      options: [["admin", "true"]],
    });
  });

  it("keeps a value that looks like a flag when given with =", () => {
    expect(parseSimulatorArgs(["search", "--query=--x"]).options).toEqual([["query", "--x"]]);
  });
});
