import { Resource } from "sst/resource";

/** What `POST /github` is linked to (`functionLinks.githubWebhook`): the webhook secret, the table's items and the bot token. */
export function githubWebhookResources() {
  return {
    secret: Resource.GithubWebhookSecret.value,
    tableName: Resource.TableItems.name,
    botToken: Resource.DiscordBotToken.value,
  };
}
