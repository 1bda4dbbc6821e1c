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

// Self-edit settings (not secret, but set per stage like the rest): the preset deciding what
// is opened without a maintainer's Approve, an optional maintainer role besides Manage Server,
// and the servers /improve is enabled in (comma-separated ids; empty means every server).
export const selfEditPreset = new sst.Secret("SelfEditPreset", "manual");
export const selfEditMaintainerRoleId = new sst.Secret("SelfEditMaintainerRoleId", "");
export const selfEditGuildIds = new sst.Secret("SelfEditGuildIds", "");

/** The self-edit settings as the environment the self-edit plugin reads (`SELFEDIT_*`). */
export const selfEditEnvironment = {
  SELFEDIT_PRESET: selfEditPreset.value,
  SELFEDIT_MAINTAINER_ROLE_ID: selfEditMaintainerRoleId.value,
  SELFEDIT_GUILD_IDS: selfEditGuildIds.value,
};
