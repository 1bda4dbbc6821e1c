import { describe, expect, it } from "vitest";
import { UsageError } from "../args.ts";
import { parseDlqArgs } from "./args.ts";

describe("parseDlqArgs", () => {
  it("reads each command", () => {
    expect(parseDlqArgs(["list", "--json"])).toEqual({ action: "list", json: true });
    expect(parseDlqArgs(["show", "m-1", "--payload"])).toEqual({ action: "show", id: "m-1", payload: true });
    expect(parseDlqArgs(["redrive", "m-1", "m-2"])).toEqual({
      action: "redrive",
      ids: ["m-1", "m-2"],
      all: false,
    });
    expect(parseDlqArgs(["redrive", "--all"])).toEqual({ action: "redrive", ids: [], all: true });
    expect(parseDlqArgs(["purge", "m-1"])).toEqual({ action: "purge", id: "m-1" });
    expect(parseDlqArgs(["--help"])).toEqual({ action: "help" });
  });

  it("refuses what it cannot understand with a usage error", () => {
    for (const argv of [
      ["redrive"],
      ["redrive", "m-1", "--all"],
      ["purge"],
      ["show", "a", "b"],
      ["drop"],
      ["list", "--nope"],
    ])
      expect(() => parseDlqArgs(argv)).toThrow(UsageError);
  });
});
