// Child-process entry for the deferred section: the users. It posts signed commands to the
// local bot as Discord would and times each answer; the parent (which runs the bot and its
// Discord sink) times the edits. Keeping the load generator out of the bot's process means its
// signing, fetch and JSON work is not counted as the bot's, as with Discord, though both still
// share this machine's cores. Usage: forked with BENCH_URL, BENCH_PRIVATE_KEY and
// BENCH_APPLICATION_ID; each IPC message `{ name, options, users }` is answered with one
// `Posted` per user.
import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import { commandInteraction, createSigner } from "@megawatts/testing";

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
}

const url = `${process.env.BENCH_URL ?? ""}/interactions`;
const signer = createSigner(process.env.BENCH_PRIVATE_KEY);
const scene = { applicationId: process.env.BENCH_APPLICATION_ID ?? "" };
const definitions = createCommandRegistry(ingressPlugins).definitions;

async function post(request: RoundRequest): Promise<Posted> {
  const definition = definitions.find((command) => command.name === request.name);
  if (!definition) throw new Error(`no /${request.name} command in the catalog`);
  const interaction = commandInteraction(definition, { options: request.options, scene });
  const body = JSON.stringify(interaction);
  const started = Date.now();
  const response = await fetch(url, { method: "POST", body, headers: signer.headers(body) });
  const answer = (await response.json()) as { type?: number };
  return {
    token: interaction.token,
    started,
    ackMs: Date.now() - started,
    type: answer.type,
    status: response.status,
  };
}

process.on("message", (request: RoundRequest) => {
  Promise.all(Array.from({ length: request.users }, () => post(request))).then(
    (posted) => process.send?.({ posted }),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }),
  );
});
process.send?.({ ready: true });
// Ends with the parent, whatever way the parent goes.
process.on("disconnect", () => process.exit(0));
