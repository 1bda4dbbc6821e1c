import { Resource } from "sst/resource";

/** What `POST /github` is linked to: the webhook secret, the table and the bot token. */
export function githubWebhookResources() {
  return {
    secret: Resource.GithubWebhookSecret.value,
    tableName: Resource.Table.name,
    botToken: Resource.DiscordBotToken.value,
  };
}
