// Secrets are set per stage with `npx sst secret set <Name> <value> --stage <stage>`.
// Discord credentials are required: a deploy fails fast with the name of the missing one.
export const discordPublicKey = new sst.Secret("DiscordPublicKey");
export const discordApplicationId = new sst.Secret("DiscordApplicationId");
export const discordBotToken = new sst.Secret("DiscordBotToken");

// Optional integrations default to "" so a stage deploys without them; the wiring module
// treats an empty value as "not configured" and falls back to the local adapters.
export const openAiApiKey = new sst.Secret("OpenAiApiKey", "");
export const pineconeApiKey = new sst.Secret("PineconeApiKey", "");
export const pineconeIndex = new sst.Secret("PineconeIndex", "");
export const upstashRedisRestUrl = new sst.Secret("UpstashRedisRestUrl", "");
export const upstashRedisRestToken = new sst.Secret("UpstashRedisRestToken", "");
export const githubAppId = new sst.Secret("GithubAppId", "");
export const githubAppPrivateKey = new sst.Secret("GithubAppPrivateKey", "");
export const githubInstallationId = new sst.Secret("GithubInstallationId", "");
export const githubRepository = new sst.Secret("GithubRepository", "");
export const githubWebhookSecret = new sst.Secret("GithubWebhookSecret", "");

/** Secrets every worker reads: Discord follow-ups, models, vectors and the hot tier. */
export const workerSecrets = [
  discordApplicationId,
  discordBotToken,
  openAiApiKey,
  pineconeApiKey,
  pineconeIndex,
  upstashRedisRestUrl,
  upstashRedisRestToken,
];

/** Secrets of the GitHub App; linked by the self-edit worker and the webhook route once they exist. */
export const githubSecrets = [
  githubAppId,
  githubAppPrivateKey,
  githubInstallationId,
  githubRepository,
  githubWebhookSecret,
];
