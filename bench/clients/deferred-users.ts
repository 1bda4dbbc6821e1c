// Child-process entry for the deferred section: the users. It posts signed commands to the
// local bot as Discord would and times each answer; the parent (which runs the bot and its
// Discord sink) times the edits. Keeping the load generator out of the bot's process means its
// signing, HTTP and JSON work is not counted as the bot's, as with Discord, though both still
// share this machine's cores. Usage: forked with BENCH_URL, BENCH_PRIVATE_KEY and
// BENCH_APPLICATION_ID; each IPC message `{ name, options, users }` is answered with one
// `Posted` per user.
import { Agent, request } from "node:http";
import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import { commandInteraction, createSigner } from "@megawatts/testing";
// The helper alone: the users' process stays light, without the local runtime's entry.
import { traceRootOf } from "../../packages/local/src/observability/trace-root.ts";

/** A round the parent asks for: this many users post `/name` with these options at once. */
export interface RoundRequest {
  name: string;
  options: Record<string, string>;
  users: number;
}

/** One user's post: its interaction token, when it was posted and how long its answer took. */
export interface Posted {
  token: string;
  /** Epoch ms (`Date.now()`), as the sink stamps the edits it records. */
  started: number;
  ackMs: number;
  /** The answer's interaction response type (5 for a deferred message). */
  type: number | undefined;
  status: number;
  /** The X-Ray root of the interaction's trace, from the answer's `x-amzn-trace-id`. */
  traceRoot: string | undefined;
}

const url = new URL(`${process.env.BENCH_URL ?? ""}/interactions`);
const signer = createSigner(process.env.BENCH_PRIVATE_KEY);
const scene = { applicationId: process.env.BENCH_APPLICATION_ID ?? "" };
const definitions = createCommandRegistry(ingressPlugins).definitions;
// Kept-alive sockets, one per user after the first round, as Discord keeps its connections.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

interface Signed {
  token: string;
  body: string;
  headers: Record<string, string>;
}

function signed(request: RoundRequest): Signed {
  const definition = definitions.find((command) => command.name === request.name);
  if (!definition) throw new Error(`no /${request.name} command in the catalog`);
  const interaction = commandInteraction(definition, { options: request.options, scene });
  const body = JSON.stringify(interaction);
  const headers = { ...signer.headers(body), "content-length": String(Buffer.byteLength(body)) };
  return { token: interaction.token, body, headers };
}

// node:http rather than fetch: a post through fetch took several times the CPU here, and with
// 50 posts at once that queueing in the users' own process showed up in every figure.
function post({ token, body, headers }: Signed): Promise<Posted> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const sent = request(url, { method: "POST", agent, headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
      });
      response.on("end", () => {
        const ackMs = Date.now() - started;
        try {
          const answer = JSON.parse(text) as { type?: number };
          const traceRoot = traceRootOf(response.headers["x-amzn-trace-id"]);
          resolve({ token, started, ackMs, type: answer.type, status: response.statusCode ?? 0, traceRoot });
        } catch (error) {
          reject(error);
        }
      });
      response.on("error", reject);
    });
    sent.on("error", reject);
    sent.end(body);
  });
}

process.on("message", (round: RoundRequest) => {
  // Discord signs before it sends: every user's request is built and signed before any is timed.
  Promise.resolve()
    .then(() => Promise.all(Array.from({ length: round.users }, () => signed(round)).map(post)))
    .then(
      (posted) => process.send?.({ posted }),
      (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
    );
});
process.send?.({ ready: true });
// Ends with the parent, whatever way the parent goes.
process.on("disconnect", () => process.exit(0));
