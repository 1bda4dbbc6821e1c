import { jobsQueue } from "./queues.ts";
import { discordPublicKey } from "./secrets.ts";

// Discord gives an interaction 3 seconds; the timeout only bounds a stuck request.
export const INGRESS_TIMEOUT_SECONDS = 5;

// A link to the queue itself would grant sqs:* on it; the ingress only ever sends.
export const jobsQueueSender = new sst.Linkable("JobsQueueSender", {
  properties: { url: jobsQueue.url },
  include: [sst.aws.permission({ actions: ["sqs:SendMessage"], resources: [jobsQueue.arn] })],
});

export const api = new sst.aws.ApiGatewayV2("Api", {
  transform: {
    stage: {
      // Discord's own traffic is far below this; the limit caps what a flood can cost.
      defaultRouteSettings: { throttlingBurstLimit: 200, throttlingRateLimit: 100 },
    },
  },
});

export const interactionsRoute = api.route("POST /interactions", {
  handler: "functions/http/interactions.handler",
  runtime: "nodejs20.x",
  architecture: "arm64",
  memory: "256 MB",
  timeout: `${INGRESS_TIMEOUT_SECONDS} seconds`,
  logging: { retention: "1 month", format: "json" },
  nodejs: { minify: true, esbuild: { mainFields: ["module", "main"] } },
  // Least privilege: the ingress verifies with the public key and enqueues, nothing else.
  link: [discordPublicKey, jobsQueueSender],
});

/** The ingress Lambda behind `POST /interactions`. */
export const ingressFunction = interactionsRoute.nodes.function;
