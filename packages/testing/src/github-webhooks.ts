import { createHmac, randomUUID } from "node:crypto";
import { fixture } from "./protocol-server.ts";

/** A webhook delivery as GitHub sends it: the raw body and its headers. */
export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

type Json = Record<string, unknown>;

/**
 * A `pull_request` closed event (merged unless told otherwise) or a `check_suite` completed
 * event for `branch`, from trimmed real payloads, signed with `secret` as GitHub signs them
 * (`X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body>`).
 *
 * @example
 * const { body, headers } = githubWebhook("s3cret", "pull_request", { branch: "megawatts/se_…", number: 1 });
 * await fetch(`${bot.url}/github`, { method: "POST", body, headers });
 */
export function githubWebhook(
  secret: string,
  event: "pull_request" | "check_suite",
  input: { branch: string; number?: number; merged?: boolean; conclusion?: string },
): SignedWebhook {
  const payload =
    event === "pull_request"
      ? pullRequestClosed(input.branch, input.number ?? 1, input.merged ?? true)
      : checkSuiteCompleted(input.branch, input.conclusion ?? "success");
  const body = JSON.stringify(payload);
  const headers = {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/044aadd",
    "x-github-event": event,
    "x-github-delivery": randomUUID(),
    "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
  };
  return { body, headers };
}

function pullRequestClosed(branch: string, number: number, merged: boolean): Json {
  const shape = fixture<Json & { pull_request: Json & { head: Json } }>(
    "github/webhook-pull-request-closed.json",
  );
  const html = `https://github.com/acme/megawatts/pull/${number}`;
  const pull = {
    ...shape.pull_request,
    number,
    merged,
    html_url: html,
    head: { ...shape.pull_request.head, ref: branch },
  };
  return { ...shape, number, pull_request: pull };
}

function checkSuiteCompleted(branch: string, conclusion: string): Json {
  const shape = fixture<Json & { check_suite: Json }>("github/webhook-check-suite-completed.json");
  return { ...shape, check_suite: { ...shape.check_suite, head_branch: branch, conclusion } };
}
