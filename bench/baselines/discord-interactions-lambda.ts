// A peer for the `peers` section: the minimal Lambda most templates start from, built on
// discord-interactions' `verifyKey` (the key imported on every call) and its constants.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { InteractionResponseType, InteractionType, verifyKey } from "discord-interactions";

const publicKey: string = JSON.parse(process.env.SST_RESOURCE_DiscordPublicKey ?? "{}").value;

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const body = Buffer.from(event.body ?? "", event.isBase64Encoded ? "base64" : "utf8").toString("utf8");
  const signature = event.headers["x-signature-ed25519"] ?? "";
  const timestamp = event.headers["x-signature-timestamp"] ?? "";
  if (!(await verifyKey(body, signature, timestamp, publicKey)))
    return { statusCode: 401, body: "invalid request signature" };
  const interaction = JSON.parse(body) as { type: number };
  if (interaction.type !== InteractionType.PING) return { statusCode: 400, body: "unknown interaction" };
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: InteractionResponseType.PONG }),
  };
};
