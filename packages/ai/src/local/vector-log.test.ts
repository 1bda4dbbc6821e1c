import type { VectorMetadata } from "@megawatts/core";
import { describe, expect, it } from "vitest";
import { decodeHeader, decodeOps, encodeHeader, encodeOps, type LogOp } from "./vector-log.ts";

const metadata: VectorMetadata = {
  guildId: "81384788765712384",
  channelId: "2",
  authorId: "7",
  createdAt: 1_767_225_600_000,
  kind: "message",
};
const ops: LogOp[] = [
  { op: "upsert", id: "2:3:0", metadata, vector: Float32Array.of(0.6, 0.8, 0) },
  { op: "upsert", id: "2:4:0", metadata: { ...metadata, authorId: "8" }, vector: Float32Array.of(0, 0, 1) },
  { op: "delete", id: "2:3:0" },
];

describe("vector log frames", () => {
  it("decode to the operations that were encoded, vectors bit for bit", () => {
    const bytes = encodeOps(ops);
    expect(decodeOps(bytes, 3)).toEqual({ ops, validBytes: bytes.length });
  });

  it("stop before a torn last frame and say how much is intact", () => {
    const whole = encodeOps(ops.slice(0, 2));
    const firstLength = encodeOps(ops.slice(0, 1)).length;
    const { ops: decoded, validBytes } = decodeOps(whole.subarray(0, whole.length - 5), 3);
    expect(decoded).toEqual(ops.slice(0, 1));
    expect(validBytes).toBe(firstLength);
  });

  it("stop at a frame whose checksum does not match", () => {
    const bytes = encodeOps(ops);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    expect(decodeOps(bytes, 3).ops).toEqual(ops.slice(0, 2));
  });

  it("carry the dimensions in the header and reject anything else", () => {
    expect(decodeHeader(encodeHeader(384))).toBe(384);
    expect(decodeHeader(Buffer.from("not a vector log at all"))).toBeUndefined();
  });
});
