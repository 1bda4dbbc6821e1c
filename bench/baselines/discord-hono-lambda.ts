// A peer for the `peers` section: a discord-hono app behind a Lambda handler that turns the
// HTTP API event into the `Request` its `fetch` takes, as a fetch-style app runs on Lambda.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { DiscordHono } from "discord-hono";

const env = {
  DISCORD_PUBLIC_KEY: JSON.parse(process.env.SST_RESOURCE_DiscordPublicKey ?? "{}").value as string,
  DISCORD_APPLICATION_ID: "1234567890123456789",
};
const app = new DiscordHono();

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers))
    if (value !== undefined) headers.set(name, value);
  const request = new Request(`https://${event.requestContext.domainName}${event.rawPath}`, {
    method: event.requestContext.http.method,
    headers,
    body: Buffer.from(event.body ?? "", event.isBase64Encoded ? "base64" : "utf8"),
  });
  const response = await app.fetch(request, env);
  return {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers),
    body: await response.text(),
  };
};
