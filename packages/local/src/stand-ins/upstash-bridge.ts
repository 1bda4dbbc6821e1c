import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createClient, ErrorReply, RESP_TYPES } from "@redis/client";
import {
  BridgeRequestError,
  encodeReply,
  messageOf,
  outcome,
  parseCommand,
  parseCommands,
  readBody,
} from "./upstash-bridge-protocol.ts";
import { createScriptRewriter, type PreparedCommand } from "./upstash-bridge-scripts.ts";

export interface UpstashBridgeOptions {
  /** The Redis behind the bridge, e.g. `redis://127.0.0.1:6379`. */
  redisUrl: string;
  /** The bearer token clients must send. */
  token: string;
  /** Default 0: any free port. */
  port?: number;
}

export interface UpstashBridge {
  /** What `UPSTASH_REDIS_REST_URL` should be, e.g. `http://127.0.0.1:41234`. */
  url: string;
  token: string;
  close(): Promise<void>;
}

async function connect(url: string) {
  const client = createClient({ url });
  // Failures also reject the commands in flight, which answer them; the event only needs a listener.
  client.on("error", () => {});
  await client.connect();
  // Bytes, not text: base64 answers must carry a value's exact bytes.
  const raw = client.withTypeMapping({
    [RESP_TYPES.BLOB_STRING]: Buffer,
    [RESP_TYPES.SIMPLE_STRING]: Buffer,
  });
  return { send: (args: string[]): Promise<unknown> => raw.sendCommand(args), close: () => client.close() };
}

type Connection = Awaited<ReturnType<typeof connect>>;

/**
 * Runs a `/multi-exec` body. MULTI, the commands and EXEC are handed to the connection in one
 * synchronous step, and it writes commands in the order it gets them, so no other request's
 * command can land between MULTI and EXEC.
 */
async function transaction(connection: Connection, commands: PreparedCommand[]) {
  const sent = [["MULTI"], ...commands.map((command) => command.args), ["EXEC"]].map(connection.send);
  const settled = await Promise.allSettled(sent);
  const exec = settled.pop();
  if (exec?.status !== "fulfilled") {
    // A command Redis refused to queue aborts the whole transaction: say which one.
    const refused = settled.find((queued) => queued.status === "rejected");
    throw refused?.reason ?? exec?.reason;
  }
  return (exec.value as unknown[]).map((result, i): PromiseSettledResult<unknown> => {
    if (result instanceof Error) return { status: "rejected", reason: result };
    const mapReply = commands[i]?.mapReply;
    return { status: "fulfilled", value: mapReply ? mapReply(result) : result };
  });
}

function sameToken(header: string | undefined, token: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(header ?? ""), digest(`Bearer ${token}`));
}

function reply(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/**
 * Serves Upstash Redis's REST protocol on 127.0.0.1 in front of a real Redis, so the real
 * `@upstash/redis` client (and `UpstashCache`) runs locally: `POST /` with one command,
 * `/pipeline` and `/multi-exec` with several, bearer-token auth, `Upstash-Encoding: base64`.
 *
 * @example
 * const bridge = await startUpstashBridge({ redisUrl: redis.url, token: "local" });
 * const client = new Redis({ url: bridge.url, token: bridge.token });
 * await bridge.close();
 */
export async function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge> {
  const shared = await connect(options.redisUrl);
  const prepare = createScriptRewriter();

  const run = async ({ args, mapReply }: PreparedCommand) => {
    const result = await shared.send(args);
    return mapReply ? mapReply(result) : result;
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST") throw new BridgeRequestError("only POST is served", 405);
    if (!sameToken(request.headers.authorization, options.token))
      throw new BridgeRequestError("Unauthorized", 401);
    const base64 = request.headers["upstash-encoding"]?.toString().toLowerCase() === "base64";
    const path = new URL(request.url ?? "/", "http://bridge").pathname;
    if (path === "/") {
      const body = await readBody(request);
      return reply(response, 200, { result: encodeReply(await run(prepare(parseCommand(body))), base64) });
    }
    if (path !== "/pipeline" && path !== "/multi-exec") throw new BridgeRequestError(`no route ${path}`, 404);
    const commands = parseCommands(await readBody(request)).map(prepare);
    const settled =
      path === "/pipeline"
        ? await Promise.allSettled(commands.map(run))
        : await transaction(shared, commands);
    reply(
      response,
      200,
      settled.map((result) => outcome(result, base64)),
    );
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A Redis error reply is the client's mistake (400); anything else means Redis is unreachable.
      const status =
        error instanceof BridgeRequestError ? error.status : error instanceof ErrorReply ? 400 : 502;
      reply(response, status, { error: messageOf(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    token: options.token,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await shared.close().catch(() => {});
    },
  };
}
