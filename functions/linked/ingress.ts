import { ingressEnvironment } from "@megawatts/runtime/links";

// Kept apart from the workers' links so the ingress bundle imports nothing else.

/**
 * What the ingress is linked to (`functionLinks.ingress`): the public key, send-only queues, a
 * plugin-state read and job-key writes, in its region. The values come from the environment the
 * stack sets (`ingressEnvironment` says why not from `sst/resource`).
 */
export function ingressResources(env: NodeJS.ProcessEnv = process.env) {
  const read = (link: keyof typeof ingressEnvironment) => {
    const value = env[ingressEnvironment[link]];
    if (value === undefined)
      throw new Error(`${ingressEnvironment[link]} is not set; the stack sets it from the ${link} link`);
    return value;
  };
  return {
    publicKey: read("DiscordPublicKey"),
    jobsQueueUrl: read("JobsQueueSender"),
    selfEditQueueUrl: read("SelfEditQueueSender"),
    repository: read("GithubRepository"),
    tableName: read("PluginStateReader"),
    keyTableName: read("JobKeyWriter"),
    // Lambda sets it; the queues and the tables live in the function's own region.
    region: env.AWS_REGION ?? "us-east-1",
  };
}
