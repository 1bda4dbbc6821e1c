import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseWebhookEvent, verifyWebhookSignature } from "./webhook-events.ts";

const SECRET = "It's a Secret to Everybody";
const BODY = Buffer.from("Hello, World!");
// GitHub's documented example: this body under this secret.
const GITHUB_EXAMPLE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
const BRANCH = "megawatts/se_01JD3K8Z6Q9T0V4N2B7C5X1M8R";

describe("verifyWebhookSignature", () => {
  it("accepts GitHub's HMAC-SHA256 of the raw body", () => {
    expect(verifyWebhookSignature(SECRET, BODY, GITHUB_EXAMPLE)).toBe(true);
  });

  it("refuses a signature made with another secret, a changed body, or none", () => {
    const other = `sha256=${createHmac("sha256", "guess").update(BODY).digest("hex")}`;

    expect(verifyWebhookSignature(SECRET, BODY, other)).toBe(false);
    expect(verifyWebhookSignature(SECRET, Buffer.from("Hello, World?"), GITHUB_EXAMPLE)).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, undefined)).toBe(false);
    expect(verifyWebhookSignature("", BODY, GITHUB_EXAMPLE)).toBe(false);
  });

  it("refuses a header of the wrong length or form without throwing", () => {
    expect(verifyWebhookSignature(SECRET, BODY, GITHUB_EXAMPLE.slice(0, -2))).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, `${GITHUB_EXAMPLE}00`)).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, GITHUB_EXAMPLE.replace("sha256=", "sha1="))).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, GITHUB_EXAMPLE.replace(/.$/, "z"))).toBe(false);
  });
});

describe("parseWebhookEvent", () => {
  it("reads a completed check suite on a self-edit branch", () => {
    const payload = { action: "completed", check_suite: { head_branch: BRANCH, conclusion: "success" } };

    expect(parseWebhookEvent("check_suite", payload)).toEqual({
      kind: "checks",
      requestId: "se_01JD3K8Z6Q9T0V4N2B7C5X1M8R",
      conclusion: "success",
      name: "all checks",
    });
  });

  it("reads a completed check run with its name and link", () => {
    const payload = {
      action: "completed",
      check_run: {
        name: "ci",
        conclusion: "failure",
        html_url: "https://github.com/a/b/runs/1",
        check_suite: { head_branch: BRANCH },
      },
    };

    expect(parseWebhookEvent("check_run", payload)).toMatchObject({
      kind: "checks",
      conclusion: "failure",
      name: "ci",
    });
  });

  it("reads a merged and a closed pull request", () => {
    const pull = (merged: boolean) => ({
      action: "closed",
      pull_request: { number: 7, merged, html_url: "https://github.com/a/b/pull/7", head: { ref: BRANCH } },
    });

    expect(parseWebhookEvent("pull_request", pull(true))).toMatchObject({
      kind: "pull-request",
      number: 7,
      merged: true,
    });
    expect(parseWebhookEvent("pull_request", pull(false))).toMatchObject({ merged: false });
  });

  it("ignores other events, other actions and other branches", () => {
    const other = { action: "completed", check_suite: { head_branch: "main", conclusion: "success" } };

    expect(parseWebhookEvent("push", { ref: "refs/heads/main" })).toBeUndefined();
    expect(
      parseWebhookEvent("pull_request", { action: "opened", pull_request: { head: { ref: BRANCH } } }),
    ).toBeUndefined();
    expect(parseWebhookEvent("check_suite", other)).toBeUndefined();
  });
});
