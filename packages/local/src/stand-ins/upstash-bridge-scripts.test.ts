import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createScriptRewriter, stripKeyLockingFlag } from "./upstash-bridge-scripts.ts";

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
const LOCKING = "#!lua flags=allow-key-locking\nreturn 1";

describe("stripKeyLockingFlag", () => {
  it("blanks a shebang that only carried the Upstash flag, keeping line numbers", () => {
    expect(stripKeyLockingFlag(LOCKING)).toBe("\nreturn 1");
  });

  it("keeps the other flags", () => {
    expect(stripKeyLockingFlag("#!lua flags=no-writes,allow-key-locking\nreturn 1")).toBe(
      "#!lua flags=no-writes\nreturn 1",
    );
  });

  it("leaves other scripts untouched", () => {
    for (const script of ["return 1", "#!lua flags=no-writes\nreturn 1", "-- allow-key-locking\nreturn 1"]) {
      expect(stripKeyLockingFlag(script)).toBe(script);
    }
  });
});

describe("createScriptRewriter", () => {
  it("strips the flag from EVAL", () => {
    const prepare = createScriptRewriter();

    expect(prepare(["EVAL", LOCKING, "0"]).args).toEqual(["EVAL", "\nreturn 1", "0"]);
  });

  it("answers SCRIPT LOAD with the SHA of the script the client sent", () => {
    const prepare = createScriptRewriter();

    const { args, mapReply } = prepare(["script", "load", LOCKING]);

    expect(args).toEqual(["script", "load", "\nreturn 1"]);
    expect(String(mapReply?.(Buffer.from(sha1("\nreturn 1"))))).toBe(sha1(LOCKING));
  });

  it("translates the client's SHA to the one Redis knows once the script was seen", () => {
    const prepare = createScriptRewriter();
    prepare(["EVAL", LOCKING, "0"]);

    expect(prepare(["evalsha", sha1(LOCKING), "0"]).args).toEqual(["evalsha", sha1("\nreturn 1"), "0"]);
    expect(prepare(["SCRIPT", "EXISTS", sha1(LOCKING), "abc"]).args).toEqual([
      "SCRIPT",
      "EXISTS",
      sha1("\nreturn 1"),
      "abc",
    ]);
  });

  it("passes every other command through unchanged", () => {
    const prepare = createScriptRewriter();

    expect(prepare(["GET", "k"])).toEqual({ args: ["GET", "k"] });
  });
});
