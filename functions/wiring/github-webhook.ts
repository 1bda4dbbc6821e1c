import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDiscordRest, DiscordChannelMessages } from "@megawatts/discord/rest";
import { composeGithubWebhook } from "@megawatts/lambda/compose-github-webhook";
import { createLogger, toCoreLogger } from "@megawatts/lambda/observability";
import { DynamoDocumentStore } from "@megawatts/storage/dynamodb";
import { Resource } from "sst/resource";

// Built once per container: no GitHub client, no keys; the table and the bot token only.
export const endpoint = composeGithubWebhook({
  secret: Resource.GithubWebhookSecret.value,
  store: new DynamoDocumentStore({ client: new DynamoDBClient({}), tableName: Resource.Table.name }),
  messages: new DiscordChannelMessages(createDiscordRest({ token: Resource.DiscordBotToken.value })),
  logger: toCoreLogger(createLogger("github")),
});
