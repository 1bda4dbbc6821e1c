import { describe, expect, it } from "vitest";
import {
  BridgeRequestError,
  encodeReply,
  outcome,
  parseCommand,
  parseCommands,
} from "./upstash-bridge-protocol.ts";

describe("parseCommand", () => {
  it("turns numbers and booleans into the strings Redis receives", () => {
    expect(parseCommand(["set", "k", "v", "ex", 60, "get", true])).toEqual([
      "set",
      "k",
      "v",
      "ex",
      "60",
      "get",
      "true",
    ]);
  });

  it("rejects what is not a command", () => {
    for (const body of [[], {}, "get k", [["nested"]], ["set", "k", null]]) {
      expect(() => parseCommand(body)).toThrow(BridgeRequestError);
    }
  });

  it("refuses commands that would change or block the shared connection", () => {
    for (const name of ["select", "MULTI", "subscribe", "blpop"]) {
      expect(() => parseCommand([name, "0"])).toThrow(/not supported over REST/);
    }
  });

  it("requires a pipeline to hold at least one command", () => {
    expect(() => parseCommands([])).toThrow(BridgeRequestError);
    expect(parseCommands([["ping"], ["get", "k"]])).toEqual([["ping"], ["get", "k"]]);
  });
});

describe("encodeReply", () => {
  it("base64-encodes the exact bytes of every string, also in nested arrays", () => {
    const bytes = Buffer.from([0xff, 0x00, 0x80]);
    const reply = [Buffer.from("héllo"), [bytes, 7], null];

    expect(encodeReply(reply, true)).toEqual([Buffer.from("héllo").toString("base64"), ["/wCA", 7], null]);
  });

  it("keeps integers and null as they are", () => {
    expect([encodeReply(42, true), encodeReply(null, true), encodeReply(undefined, true)]).toEqual([
      42,
      null,
      null,
    ]);
  });

  it("answers plain UTF-8 text without the encoding header", () => {
    expect(encodeReply([Buffer.from("héllo"), "OK", 1], false)).toEqual(["héllo", "OK", 1]);
  });

  it("reports an error nested in an array by its message", () => {
    expect(encodeReply([new Error("ERR boom"), Buffer.from("x")], false)).toEqual(["ERR boom", "x"]);
  });
});

describe("outcome", () => {
  it("maps a settled command to a result or an error entry", () => {
    expect(outcome({ status: "fulfilled", value: Buffer.from("v") }, true)).toEqual({ result: "dg==" });
    expect(outcome({ status: "rejected", reason: new Error("WRONGTYPE") }, true)).toEqual({
      error: "WRONGTYPE",
    });
  });
});
