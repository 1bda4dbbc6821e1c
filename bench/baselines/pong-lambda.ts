// The baseline Lambda entry for the bundle and cold-load figures: signature check and PONG,
// reading its key from the same linked-resource variable the real ingress reads.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { createPong } from "../lib/pong.ts";

const pong = createPong(JSON.parse(process.env.SST_RESOURCE_DiscordPublicKey ?? "{}").value);

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const body = Buffer.from(event.body ?? "", event.isBase64Encoded ? "base64" : "utf8");
  const reply = pong(
    event.headers["x-signature-ed25519"] ?? "",
    event.headers["x-signature-timestamp"] ?? "",
    body,
  );
  return { ...reply, headers: { "content-type": "application/json" } };
};
