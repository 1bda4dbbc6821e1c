import { crc32 } from "node:zlib";
import type { VectorMetadata } from "@megawatts/core";

// One namespace's file: a header, then frames appended in the order the writes happened.
//   header: "MWVECLOG" · u32 version · u32 dimensions
//   frame:  u32 payload length · u32 CRC-32 of the payload · payload
//   upsert payload: u8 1 · u16 id length · id · u32 metadata length · metadata JSON · dims × f32
//   delete payload: u8 2 · u16 id length · id
// A crash can only tear the last frame; replay stops at the first frame that does not check out.

const MAGIC = "MWVECLOG";
const VERSION = 1;
export const HEADER_BYTES = 16;

export type LogOp =
  | { op: "upsert"; id: string; metadata: VectorMetadata; vector: Float32Array }
  | { op: "delete"; id: string };

/** A log file's header for vectors of `dims` dimensions. */
export function encodeHeader(dims: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, "latin1");
  header.writeUInt32LE(VERSION, 8);
  header.writeUInt32LE(dims, 12);
  return header;
}

/** The dimensions a header names, or `undefined` when it is not a vector log header. */
export function decodeHeader(bytes: Buffer): number | undefined {
  if (bytes.length < HEADER_BYTES || bytes.toString("latin1", 0, 8) !== MAGIC) return undefined;
  if (bytes.readUInt32LE(8) !== VERSION) return undefined;
  return bytes.readUInt32LE(12);
}

/**
 * Frames for a list of operations, ready to append.
 *
 * @example
 * await appendFile(path, encodeOps([{ op: "delete", id: "2:3:0" }]));
 */
export function encodeOps(ops: readonly LogOp[]): Buffer {
  return Buffer.concat(ops.map((entry) => frame(encodeOp(entry))));
}

function encodeOp(entry: LogOp): Buffer {
  const id = Buffer.from(entry.id, "utf8");
  const head = Buffer.alloc(3);
  head.writeUInt8(entry.op === "upsert" ? 1 : 2, 0);
  head.writeUInt16LE(id.length, 1);
  if (entry.op === "delete") return Buffer.concat([head, id]);
  const metadata = Buffer.from(JSON.stringify(entry.metadata), "utf8");
  const metadataLength = Buffer.alloc(4);
  metadataLength.writeUInt32LE(metadata.length, 0);
  const { buffer, byteOffset, byteLength } = entry.vector;
  return Buffer.concat([head, id, metadataLength, metadata, Buffer.from(buffer, byteOffset, byteLength)]);
}

function frame(payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(payload.length, 0);
  head.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([head, payload]);
}

/**
 * The operations in `bytes` (frames only, after the header) and how many bytes of them are
 * intact; anything past `validBytes` is a torn or corrupt tail.
 */
export function decodeOps(bytes: Buffer, dims: number): { ops: LogOp[]; validBytes: number } {
  const ops: LogOp[] = [];
  let offset = 0;
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32LE(offset);
    const end = offset + 8 + length;
    if (end > bytes.length) break;
    const payload = bytes.subarray(offset + 8, end);
    if (crc32(payload) !== bytes.readUInt32LE(offset + 4)) break;
    const entry = decodeOp(payload, dims);
    if (!entry) break;
    ops.push(entry);
    offset = end;
  }
  return { ops, validBytes: offset };
}

function decodeOp(payload: Buffer, dims: number): LogOp | undefined {
  const kind = payload.readUInt8(0);
  const idEnd = 3 + payload.readUInt16LE(1);
  const id = payload.toString("utf8", 3, idEnd);
  if (kind === 2) return { op: "delete", id };
  if (kind !== 1) return undefined;
  const metadataEnd = idEnd + 4 + payload.readUInt32LE(idEnd);
  if (payload.length !== metadataEnd + dims * 4) return undefined;
  const metadata = JSON.parse(payload.toString("utf8", idEnd + 4, metadataEnd)) as VectorMetadata;
  const vector = new Float32Array(dims);
  new Uint8Array(vector.buffer).set(payload.subarray(metadataEnd));
  return { op: "upsert", id, metadata, vector };
}
