import { DEFAULT_DISCORD_API_URL } from "@megawatts/discord/rest";
import { optional } from "@megawatts/runtime/deployment";
import { Resource } from "sst/resource";

/**
 * What the dashboard API is linked to: the table, key table, data key and bucket (sessions,
 * plugin changes, the audit log, My data), the queues it only probes for the overview, the
 * self-edit queue it sends Approve and Discard to (in the repository's message group), the bot token, the hot tier, models and vectors for search, and the OAuth2 client.
 */
export function dashboardResources() {
  const openAiKey = optional(Resource.OpenAiApiKey.value);
  const pineconeKey = optional(Resource.PineconeApiKey.value);
  const pineconeIndex = optional(Resource.PineconeIndex.value);
  const upstashUrl = optional(Resource.UpstashRedisRestUrl.value);
  const { jobs, jobsDeadLetters, tasks, tasksDeadLetters } = Resource.DashboardQueueProbe;
  return {
    deployment: {
      tableName: Resource.Table.name,
      keyTableName: Resource.KeyTable.name,
      bucketName: Resource.Bucket.name,
      keyArn: Resource.DataKey.arn,
      queues: { jobs, jobsDeadLetters, tasks, tasksDeadLetters },
      discord: { apiUrl: DEFAULT_DISCORD_API_URL, botToken: Resource.DiscordBotToken.value },
      ...(upstashUrl ? { upstash: { url: upstashUrl, token: Resource.UpstashRedisRestToken.value } } : {}),
      ...(openAiKey ? { openai: { apiKey: openAiKey } } : {}),
      ...(pineconeKey && pineconeIndex ? { pinecone: { apiKey: pineconeKey, index: pineconeIndex } } : {}),
    },
    selfEditQueueUrl: Resource.SelfEditQueueSender.url,
    repository: Resource.GithubRepository.value,
    clientId: Resource.DiscordApplicationId.value,
    clientSecret: Resource.DashboardClientSecret.value,
    redirectUri: `${Resource.DashboardUrl.url}/api/auth/callback`,
  };
}
