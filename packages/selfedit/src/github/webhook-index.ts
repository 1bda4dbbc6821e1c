export {
  createGithubWebhookEndpoint,
  type DeliveryLog,
  type GithubWebhookOptions,
  type WebhookRequest,
  type WebhookResponse,
} from "./webhook-endpoint.ts";
export { parseWebhookEvent, type SelfEditEvent, verifyWebhookSignature } from "./webhook-events.ts";
