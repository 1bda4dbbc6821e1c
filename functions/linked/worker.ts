import { DEFAULT_DISCORD_API_URL } from "@megawatts/discord/rest";
import { type Deployment, optional } from "@megawatts/runtime/deployment";
import { Resource } from "sst/resource";

// Each function is linked only to what it uses (packages/runtime/src/links.ts) and reads only
// its own links, here.

/** What both workers share: the tiers, the keys, Discord, the model, the vectors and the hot tier. */
function workerDeployment(queues: Deployment["queues"]): Deployment {
  const openAiKey = optional(Resource.OpenAiApiKey.value);
  const pineconeKey = optional(Resource.PineconeApiKey.value);
  const pineconeIndex = optional(Resource.PineconeIndex.value);
  const upstashUrl = optional(Resource.UpstashRedisRestUrl.value);
  return {
    tableName: Resource.Table.name,
    keyTableName: Resource.KeyTable.name,
    bucketName: Resource.Bucket.name,
    keyArn: Resource.DataKey.arn,
    queues,
    discord: { apiUrl: DEFAULT_DISCORD_API_URL, botToken: Resource.DiscordBotToken.value },
    ...(upstashUrl ? { upstash: { url: upstashUrl, token: Resource.UpstashRedisRestToken.value } } : {}),
    ...(openAiKey ? { openai: { apiKey: openAiKey } } : {}),
    // A Lambda has no disk that outlives it: without Pinecone the deployment runs keyword-only.
    ...(pineconeKey && pineconeIndex ? { pinecone: { apiKey: pineconeKey, index: pineconeIndex } } : {}),
  };
}

/** The schedule group the workers may create one-shot tasks in. */
function schedulerResources() {
  const { groupName, roleArn, queueArn } = Resource.Scheduler;
  return { groupName, roleArn, queueArn };
}

/** What the jobs worker is linked to (`functionLinks.jobsWorker`). */
export function jobsWorkerResources() {
  const deadLetterUrl = Resource.JobsDeadLetterSender.url;
  const queues = {
    jobs: Resource.JobsQueueConsumer.url,
    jobsDeadLetters: deadLetterUrl,
    tasks: Resource.TasksQueueProbe.url,
  };
  return { deployment: workerDeployment(queues), deadLetterUrl, scheduling: schedulerResources() };
}

/** What the tasks worker is linked to (`functionLinks.tasksWorker`). */
export function tasksWorkerResources() {
  const queues = {
    jobs: Resource.JobsQueueProbe.url,
    jobsDeadLetters: Resource.JobsDeadLetterProbe.url,
    tasks: Resource.TasksQueueConsumer.url,
  };
  const deadLetterUrl = Resource.TasksDeadLetterSender.url;
  return { deployment: workerDeployment(queues), deadLetterUrl, scheduling: schedulerResources() };
}
