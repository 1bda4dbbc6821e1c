import { ingressEnvironmentOf, linksOf } from "./links.ts";
import { memoryOf } from "./memory.ts";
import { jobsQueue, selfEditQueue } from "./queues.ts";
import { activeTracing, bundleFor, LAMBDA_RUNTIME } from "./runtime.ts";
import {
  discordBotToken,
  discordPublicKey,
  githubRepository,
  githubWebhookSecret,
  selfEditEnvironment,
} from "./secrets.ts";
import { keyTable, table } from "./storage.ts";
import { apiThrottle } from "./throttle.ts";

// Discord gives an interaction 3 seconds; the timeout only bounds a stuck request.
export const INGRESS_TIMEOUT_SECONDS = 5;

// A link to the queue itself would grant sqs:* on it; the ingress only ever sends.
export const jobsQueueSender = new sst.Linkable("JobsQueueSender", {
  properties: { url: jobsQueue.url },
  include: [sst.aws.permission({ actions: ["sqs:SendMessage"], resources: [jobsQueue.arn] })],
});

// The ingress reads servers' plugin choices (one small GetItem per server, cached); it may
// not query, scan or write, and holds no key that could open anything sealed in the table.
export const pluginStateReader = new sst.Linkable("PluginStateReader", {
  properties: { name: table.name },
  include: [sst.aws.permission({ actions: ["dynamodb:GetItem"], resources: [table.arn] })],
});

// Jobs that carry a member's words (Remember's message, a question, tool arguments) are sealed
// under a key of their own, which the ingress stores in the key table: PutItem only, and only on
// job-key partitions (`J#…`), never a member's own key; it cannot read any key back.
export const jobKeyWriter = new sst.Linkable("JobKeyWriter", {
  properties: { name: keyTable.name },
  include: [
    sst.aws.permission({
      actions: ["dynamodb:PutItem"],
      resources: [keyTable.arn],
      conditions: [{ test: "ForAllValues:StringLike", variable: "dynamodb:LeadingKeys", values: ["J#*"] }],
    }),
  ],
});

// The self-edit FIFO queue, send-only as well.
export const selfEditQueueSender = new sst.Linkable("SelfEditQueueSender", {
  properties: { url: selfEditQueue.url },
  include: [sst.aws.permission({ actions: ["sqs:SendMessage"], resources: [selfEditQueue.arn] })],
});

const throttle = apiThrottle();

export const api = new sst.aws.ApiGatewayV2("Api", {
  transform: {
    stage: {
      // 500 interactions/s with bursts unless the stage sets its own (stacks/throttle.ts).
      defaultRouteSettings: { throttlingBurstLimit: throttle.burst, throttlingRateLimit: throttle.rate },
    },
  },
});

export const interactionsRoute = api.route("POST /interactions", {
  handler: "functions/http/interactions.handler",
  runtime: LAMBDA_RUNTIME,
  architecture: "arm64",
  // A cold start is CPU, which grows with memory at the same cost; a warm request is billed the
  // 1 ms minimum at any size (docs/deploy.md, "Memory sizes").
  memory: memoryOf("ingress"),
  timeout: `${INGRESS_TIMEOUT_SECONDS} seconds`,
  logging: { retention: "1 month", format: "json" },
  // Splitting puts what is imported on demand (the signed SQS and DynamoDB calls) in its own chunk: a cold start
  // that answers inline never reads or compiles it.
  nodejs: bundleFor({ splitting: true }),
  // Least privilege: the ingress verifies with the public key, reads plugin choices, stores the
  // keys of sealed jobs and enqueues, nothing else (the repository name is the self-edit queue's message group; the
  // settings say who may ask).
  link: linksOf("ingress", {
    DiscordPublicKey: discordPublicKey,
    JobsQueueSender: jobsQueueSender,
    SelfEditQueueSender: selfEditQueueSender,
    PluginStateReader: pluginStateReader,
    JobKeyWriter: jobKeyWriter,
    GithubRepository: githubRepository,
  }),
  // The same values as the links, read from the environment (why: packages/runtime/src/links.ts).
  environment: {
    ...selfEditEnvironment,
    ...ingressEnvironmentOf({
      DiscordPublicKey: discordPublicKey.value,
      JobsQueueSender: jobsQueue.url,
      SelfEditQueueSender: selfEditQueue.url,
      PluginStateReader: table.name,
      JobKeyWriter: keyTable.name,
      GithubRepository: githubRepository.value,
    }),
  },
  // Tracing costs the ingress nothing in its bundle: Lambda records the segment, each job carries its header.
  ...activeTracing,
});

/** The ingress Lambda behind `POST /interactions`. */
export const ingressFunction = interactionsRoute.nodes.function;

// The webhook reads and writes items (self-edit records, the deliveries it has seen) and no
// more: no scan, no stream, no table settings.
export const tableItems = new sst.Linkable("TableItems", {
  properties: { name: table.name },
  include: [
    sst.aws.permission({
      actions: [
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:ConditionCheckItem",
        "dynamodb:BatchWriteItem",
        "dynamodb:Query",
      ],
      resources: [table.arn, $interpolate`${table.arn}/index/*`],
    }),
  ],
});

// GitHub's webhook gets its own small Lambda: it verifies the signature and updates the
// self-edit's record and Discord message. It carries no GitHub client, no keys and cannot send jobs.
export const githubRoute = api.route("POST /github", {
  handler: "functions/http/github.handler",
  runtime: LAMBDA_RUNTIME,
  architecture: "arm64",
  memory: memoryOf("githubWebhook"),
  timeout: "10 seconds",
  logging: { retention: "1 month", format: "json" },
  nodejs: bundleFor(),
  link: linksOf("githubWebhook", {
    GithubWebhookSecret: githubWebhookSecret,
    TableItems: tableItems,
    DiscordBotToken: discordBotToken,
  }),
  ...activeTracing,
});

/** The Lambda behind `POST /github`. */
export const githubWebhookFunction = githubRoute.nodes.function;
