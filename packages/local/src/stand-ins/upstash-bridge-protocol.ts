import type { IncomingMessage } from "node:http";

/** A request the bridge refuses, answered with `status` and `{"error": message}`. */
export class BridgeRequestError extends Error {
  override name = "BridgeRequestError";
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

// Commands that block the shared connection or change its state would leak into every other
// request, so the bridge refuses them.
const REFUSED = new Set(
  "AUTH BLMOVE BLMPOP BLPOP BRPOP BRPOPLPUSH BZMPOP BZPOPMAX BZPOPMIN CLIENT DISCARD EXEC HELLO MONITOR MULTI PSUBSCRIBE PSYNC QUIT RESET SELECT SSUBSCRIBE SUBSCRIBE SYNC UNWATCH WATCH".split(
    " ",
  ),
);

/**
 * One command as the client sends it: a JSON array whose first item names the command.
 * Numbers and booleans become strings, as Redis sees every argument as one.
 *
 * @example
 * parseCommand(["set", "k", "v", "ex", 60]) // ["set", "k", "v", "ex", "60"]
 */
export function parseCommand(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BridgeRequestError("a command is a non-empty JSON array");
  }
  const args = value.map((arg) => {
    if (typeof arg === "string") return arg;
    if (typeof arg === "number" || typeof arg === "boolean") return String(arg);
    throw new BridgeRequestError(`command arguments are strings or numbers, got ${JSON.stringify(arg)}`);
  });
  const name = (args[0] as string).toUpperCase();
  if (REFUSED.has(name)) throw new BridgeRequestError(`ERR ${name} is not supported over REST`);
  return args;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The JSON body of a request, refused beyond 16 MiB. */
export async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BridgeRequestError("request body too large", 413);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BridgeRequestError("the body must be JSON");
  }
}

/** The body of `/pipeline` and `/multi-exec`: a non-empty array of commands. */
export function parseCommands(value: unknown): string[][] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new BridgeRequestError("a pipeline is a non-empty JSON array of commands");
  }
  return value.map(parseCommand);
}

/**
 * A Redis reply as Upstash's REST API returns it: with `base64`, every string (also inside
 * arrays) is base64 of its bytes; integers and null stay as they are.
 *
 * @example
 * encodeReply([Buffer.from("hi"), 3, null], true) // ["aGk=", 3, null]
 */
export function encodeReply(reply: unknown, base64: boolean): unknown {
  if (reply === null || reply === undefined) return null;
  if (Buffer.isBuffer(reply)) return base64 ? reply.toString("base64") : reply.toString("utf8");
  if (typeof reply === "string") return base64 ? Buffer.from(reply).toString("base64") : reply;
  if (typeof reply === "number") return reply;
  if (typeof reply === "bigint") return encodeReply(String(reply), base64);
  if (Array.isArray(reply)) return reply.map((item) => encodeReply(item, base64));
  // An error nested in an array (a failed command inside EXEC or a script's error reply).
  if (reply instanceof Error) return encodeReply(reply.message, base64);
  throw new Error(`unexpected Redis reply type: ${Object.prototype.toString.call(reply)}`);
}

/** One entry of a `/pipeline` or `/multi-exec` answer. */
export function outcome(reply: PromiseSettledResult<unknown>, base64: boolean) {
  return reply.status === "fulfilled"
    ? { result: encodeReply(reply.value, base64) }
    : { error: messageOf(reply.reason) };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
