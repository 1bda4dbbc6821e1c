import { api, selfEditQueueSender } from "./api.ts";
import { linksOf } from "./links.ts";
import { memoryOf } from "./memory.ts";
import { jobsDeadLetterQueue, jobsQueue, tasksDeadLetterQueue, tasksQueue } from "./queues.ts";
import { bundleFor, LAMBDA_RUNTIME } from "./runtime.ts";
import {
  discordApplicationId,
  discordBotToken,
  githubRepository,
  openAiApiKey,
  pineconeApiKey,
  pineconeIndex,
  upstashRedisRestToken,
  upstashRedisRestUrl,
} from "./secrets.ts";
import { bucket, dataKey, keyTable, table } from "./storage.ts";

/** The Discord application's OAuth2 client secret (Developer Portal → OAuth2). */
export const dashboardClientSecret = new sst.Secret("DashboardClientSecret");

// One CloudFront origin for the page and its API, so the session cookie is first-party and
// SameSite holds: /api/* goes to the HTTP API, everything else to the static site.
export const dashboardRouter = new sst.aws.Router("DashboardRouter");
dashboardRouter.route("/api", api.url);

/** The React app on S3 behind CloudFront; unknown paths answer `index.html` (the app routes itself). */
export const dashboardSite = new sst.aws.StaticSite("Dashboard", {
  path: "packages/dashboard",
  build: { command: "npx vite build --config web/vite.config.ts", output: "dist" },
  router: { instance: dashboardRouter },
});

// The OAuth2 redirect comes back to the router's address.
const dashboardUrl = new sst.Linkable("DashboardUrl", { properties: { url: dashboardRouter.url } });

// The overview shows the same queue checks as /status: the API may read the queues'
// attributes, never send, receive or delete.
const queues = [jobsQueue, jobsDeadLetterQueue, tasksQueue, tasksDeadLetterQueue];
const dashboardQueueProbe = new sst.Linkable("DashboardQueueProbe", {
  properties: {
    jobs: jobsQueue.url,
    jobsDeadLetters: jobsDeadLetterQueue.url,
    tasks: tasksQueue.url,
    tasksDeadLetters: tasksDeadLetterQueue.url,
  },
  include: [
    sst.aws.permission({ actions: ["sqs:GetQueueAttributes"], resources: queues.map((queue) => queue.arn) }),
  ],
});

export const dashboardRoute = api.route("ANY /api/{proxy+}", {
  handler: "functions/http/dashboard.handler",
  runtime: LAMBDA_RUNTIME,
  architecture: "arm64",
  memory: memoryOf("dashboardApi"),
  timeout: "15 seconds",
  logging: { retention: "1 month", format: "json" },
  nodejs: bundleFor(),
  link: linksOf("dashboardApi", {
    Table: table,
    KeyTable: keyTable,
    Bucket: bucket,
    DataKey: dataKey,
    DashboardQueueProbe: dashboardQueueProbe,
    SelfEditQueueSender: selfEditQueueSender,
    GithubRepository: githubRepository,
    DashboardUrl: dashboardUrl,
    DiscordApplicationId: discordApplicationId,
    DashboardClientSecret: dashboardClientSecret,
    DiscordBotToken: discordBotToken,
    OpenAiApiKey: openAiApiKey,
    PineconeApiKey: pineconeApiKey,
    PineconeIndex: pineconeIndex,
    UpstashRedisRestUrl: upstashRedisRestUrl,
    UpstashRedisRestToken: upstashRedisRestToken,
  }),
});
