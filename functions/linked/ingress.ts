import { Resource } from "sst/resource";

// Kept apart from the workers' links so the ingress bundle imports nothing else.

/** What the ingress is linked to (`functionLinks.ingress`): the public key, send-only queues, a plugin-state read and job-key writes, in its region. */
export function ingressResources() {
  return {
    publicKey: Resource.DiscordPublicKey.value,
    jobsQueueUrl: Resource.JobsQueueSender.url,
    selfEditQueueUrl: Resource.SelfEditQueueSender.url,
    repository: Resource.GithubRepository.value,
    tableName: Resource.PluginStateReader.name,
    keyTableName: Resource.JobKeyWriter.name,
    // Lambda sets it; the queues and the tables live in the function's own region.
    region: process.env.AWS_REGION ?? "us-east-1",
  };
}
