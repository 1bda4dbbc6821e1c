import { createHttpHandler } from "@megawatts/runtime/http";
import { composeLambdaGithubWebhook } from "@megawatts/runtime/lambda";
import { githubWebhookResources } from "../linked/github.ts";

/** `POST /github`: verify GitHub's signature, then update the self-edit the event is about. */
export const handler = createHttpHandler(composeLambdaGithubWebhook(githubWebhookResources()));
