import { DEFAULT_DISCORD_API_URL } from "@megawatts/discord/rest";
import { optional } from "@megawatts/runtime/deployment";
import { Resource } from "sst/resource";

/** What the self-edit worker is linked to (`functionLinks.selfEditWorker`): the records' table and keys, its queue and dead-letter queue, the model, the GitHub App and the bot token. */
export function selfEditResources() {
  return {
    deployment: {
      tableName: Resource.Table.name,
      keyTableName: Resource.KeyTable.name,
      keyArn: Resource.DataKey.arn,
      discord: { apiUrl: DEFAULT_DISCORD_API_URL, botToken: Resource.DiscordBotToken.value },
    },
    queueUrl: Resource.SelfEditQueueConsumer.url,
    deadLetterUrl: Resource.SelfEditDeadLetterSender.url,
    openAiKey: optional(Resource.OpenAiApiKey.value),
    github: {
      appId: Resource.GithubAppId.value,
      privateKey: Resource.GithubAppPrivateKey.value,
      installationId: Resource.GithubInstallationId.value,
      repository: Resource.GithubRepository.value,
    },
  };
}
