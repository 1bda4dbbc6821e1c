// A peer for the `peers` section: slash-create's own AWS Lambda server, as its guide wires it
// (a callback-style handler for HTTP API payload 2.0 events).
import { AWSLambdaServer, SlashCreator } from "slash-create";

const publicKey: string = JSON.parse(process.env.SST_RESOURCE_DiscordPublicKey ?? "{}").value;
const exported: Record<string, (...args: unknown[]) => void> = {};

new SlashCreator({ applicationID: "1234567890123456789", publicKey, token: "bench-token" }).withServer(
  new AWSLambdaServer(exported, "handler"),
);

export const handler = (event: unknown, context: unknown, callback: unknown) =>
  exported.handler?.(event, context, callback);
