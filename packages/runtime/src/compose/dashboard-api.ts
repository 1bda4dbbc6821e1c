import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { Breakers, type Clock, type JobQueue, type Logger, systemClock } from "@megawatts/core";
import {
  createDashboardApi,
  GuildAccess,
  type OAuthSettings,
  restDiscordUsers,
  SessionStore,
} from "@megawatts/dashboard/api";
import { createDiscordRest } from "@megawatts/discord/rest";
import { SqsJobQueue } from "@megawatts/storage/sqs";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { handle, type LambdaEvent } from "hono/aws-lambda";
import { type Deployment, SDK_CLIENT_DEFAULTS, type SdkClients } from "../deployment.ts";
import { createLogger, toCoreLogger } from "../observability.ts";
import { createWorkerPorts } from "./worker.ts";

export interface DashboardApiParts {
  deployment: Deployment;
  clients: SdkClients;
  oauth: OAuthSettings;
  /** The FIFO self-edit queue (send only), in the ingress's message group. */
  selfEditQueue: JobQueue;
  /** False only on the local bot's plain-HTTP address. */
  secureCookies: boolean;
  logger: Logger;
  clock?: Clock;
  /** How long a member's servers and permissions are trusted (default a minute). */
  accessTtlMs?: number;
}

/**
 * Puts the dashboard API together on the same ports the worker gives plugins (so every page runs
 * the commands' use cases), with sessions in the table and Discord asked through the REST client.
 * Answers API Gateway HTTP API events.
 *
 * @example
 * const handler = composeDashboardApi({ deployment, clients, oauth, secureCookies: true, logger });
 */
export function composeDashboardApi(parts: DashboardApiParts) {
  const clock = parts.clock ?? systemClock;
  const { deployment, logger } = parts;
  const ports = createWorkerPorts({
    deployment,
    clients: parts.clients,
    logger,
    clock,
    breakers: new Breakers(),
  });
  const rest = createDiscordRest({ apiUrl: deployment.discord.apiUrl, token: deployment.discord.botToken });
  const discord = restDiscordUsers(rest);
  const app = createDashboardApi({
    oauth: parts.oauth,
    discord,
    sessions: new SessionStore({ store: ports.data.deps.store, envelope: ports.envelope, clock }),
    access: new GuildAccess(discord, parts.accessTtlMs),
    ports,
    selfEditQueue: parts.selfEditQueue,
    secureCookies: parts.secureCookies,
    logger,
    clock,
  });
  const lambda = handle(app);
  // Hono's event type spells the optional fields of the same payload differently.
  return (event: APIGatewayProxyEventV2) =>
    lambda(event as unknown as LambdaEvent) as Promise<APIGatewayProxyStructuredResultV2>;
}

/** Discord's OAuth2 endpoints for a deployed stage. */
export const DISCORD_OAUTH = {
  authorizeUrl: "https://discord.com/oauth2/authorize",
  tokenUrl: "https://discord.com/api/v10/oauth2/token",
} as const;

/**
 * The dashboard API as the Lambda runs it, on its links: default SDK clients, Secure cookies,
 * Discord's own OAuth2 endpoints, Approve and Discard sent to the self-edit queue in the same
 * message group as the ingress sends the buttons' jobs.
 *
 * @example
 * export const handler = composeLambdaDashboardApi(dashboardResources());
 */
export function composeLambdaDashboardApi(resources: {
  deployment: Deployment;
  selfEditQueueUrl: string;
  /** The self-edit queue's message group, as the ingress names it. */
  repository: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}) {
  const clients = {
    dynamodb: new DynamoDBClient({}),
    s3: new S3Client({}),
    kms: new KMSClient(SDK_CLIENT_DEFAULTS),
    sqs: new SQSClient(SDK_CLIENT_DEFAULTS),
  };
  const { clientId, clientSecret, redirectUri } = resources;
  return composeDashboardApi({
    deployment: resources.deployment,
    clients,
    oauth: { clientId, clientSecret, redirectUri, ...DISCORD_OAUTH },
    selfEditQueue: new SqsJobQueue(clients.sqs, resources.selfEditQueueUrl, {
      messageGroupId: () => resources.repository || "repository",
    }),
    secureCookies: true,
    logger: toCoreLogger(createLogger("dashboard")),
  });
}
