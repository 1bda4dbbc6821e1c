import { DEFAULT_DISCORD_API_URL } from "@megawatts/discord/rest";
import { type Deployment, optional } from "@megawatts/runtime/deployment";
import { Resource } from "sst/resource";

// Each function is linked only to what it uses and reads only its own links, here.

/** What the jobs and tasks workers (and their dead-letter workers) are linked to. */
export function workerDeployment(): Deployment {
  const openAiKey = optional(Resource.OpenAiApiKey.value);
  const pineconeKey = optional(Resource.PineconeApiKey.value);
  const pineconeIndex = optional(Resource.PineconeIndex.value);
  const upstashUrl = optional(Resource.UpstashRedisRestUrl.value);
  return {
    tableName: Resource.Table.name,
    keyTableName: Resource.KeyTable.name,
    bucketName: Resource.Bucket.name,
    keyArn: Resource.DataKey.arn,
    queues: {
      jobs: Resource.JobsQueue.url,
      jobsDeadLetters: Resource.JobsDeadLetterQueue.url,
      tasks: Resource.TasksQueue.url,
      tasksDeadLetters: Resource.TasksDeadLetterQueue.url,
    },
    discord: { apiUrl: DEFAULT_DISCORD_API_URL, botToken: Resource.DiscordBotToken.value },
    ...(upstashUrl ? { upstash: { url: upstashUrl, token: Resource.UpstashRedisRestToken.value } } : {}),
    ...(openAiKey ? { openai: { apiKey: openAiKey } } : {}),
    // A Lambda has no disk that outlives it: without Pinecone the deployment runs keyword-only.
    ...(pineconeKey && pineconeIndex ? { pinecone: { apiKey: pineconeKey, index: pineconeIndex } } : {}),
  };
}

/** The schedule group the jobs and tasks workers may create one-shot tasks in (not linked to the dead-letter workers). */
export function schedulerResources() {
  const { groupName, roleArn, queueArn } = Resource.Scheduler;
  return { groupName, roleArn, queueArn };
}
