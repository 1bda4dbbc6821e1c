import { createHttpHandler } from "@megawatts/lambda/http";
import { endpoint } from "../wiring/github-webhook.ts";

/** `POST /github`: verify GitHub's signature, then update the self-edit the event is about. */
export const handler = createHttpHandler(endpoint);
