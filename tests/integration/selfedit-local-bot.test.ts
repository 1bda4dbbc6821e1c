import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalBot, type SinkEvent, startLocalBot } from "@megawatts/local";
import { manifest } from "@megawatts/plugin-selfedit/manifest";
import { gitRun } from "@megawatts/selfedit/local-git";
import { createFixtureRepo, type FixtureRepo } from "@megawatts/selfedit/testing";
import { commandInteraction, componentInteraction, createSigner, type Signer } from "@megawatts/testing";
import { githubWebhook } from "@megawatts/testing/github-webhooks";
import { type OpenAiTestServer, startOpenAiTestServer } from "@megawatts/testing/openai-server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { postSigned, uniquePrefix } from "./helpers.ts";
import { FORMAT, GOOD } from "./selfedit-answers.ts";

const SECRET = "webhook-secret-for-tests";
const definition = manifest.commands[0] as Parameters<typeof commandInteraction>[0];
let repo: FixtureRepo;
let dataDir: string;
let openai: OpenAiTestServer;
let bot: LocalBot;
let signer: Signer;

beforeAll(async () => {
  [repo, dataDir, openai] = await Promise.all([
    createFixtureRepo(),
    mkdtemp(join(tmpdir(), "megawatts-selfedit-")),
    startOpenAiTestServer({ chat: () => GOOD }),
  ]);
  signer = createSigner();
  bot = await startLocalBot({
    env: {
      DISCORD_PUBLIC_KEY: signer.publicKey,
      OPENAI_BASE_URL: openai.baseURL,
      OPENAI_API_KEY: openai.apiKey,
      SELFEDIT_REPO_DIR: repo.dir,
      GITHUB_APP_WEBHOOK_SECRET: SECRET,
    },
    port: 0,
    dataDir,
    standIns: inject("standIns"),
    resourcePrefix: uniquePrefix("selfedit"),
    retry: { maxAttempts: 5, initialSeconds: 0, maxSeconds: 0, maxSecondsWithoutReply: 0 },
    logLevel: "SILENT",
  });
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await openai?.close();
  await repo?.remove();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const scene = (admin: boolean) => ({ admin, applicationId: bot.config.discord.applicationId });
const sink = () => bot.sink ?? expect.fail("the test bot has no sink");
const content = (event: SinkEvent) => String((event.body as { content?: string } | null)?.content ?? "");
const postWebhook = (body: string, headers: Record<string, string>) =>
  fetch(`${bot.url}/github`, { method: "POST", body, headers });

/** Where the approved proposal is, for the webhook test that follows. */
const approved = { requestId: "", messageId: "" };

// The worker type-checks and runs the fixture's tests for each request; nothing here is timed.
describe("self-editing through the local bot", { timeout: 180_000 }, () => {
  it("turns /improve request, approved with the button, into a branch and a commit in the local repository", async () => {
    const request = commandInteraction(definition, {
      path: ["request"],
      options: { request: "Greet strangers a little more warmly", target: "greet" },
      scene: scene(true),
    });

    const deferred = await postSigned(bot, signer, request);
    const proposal = await sink().waitFor(
      (event) =>
        event.token === request.token &&
        event.method === "PATCH" &&
        content(event).includes("waiting for a maintainer"),
      150_000,
    );
    const [approve] =
      (proposal.body as { components: { components: { custom_id: string }[] }[] }).components[0]
        ?.components ?? [];
    const original = await fetch(
      `${sink().url}/webhooks/${request.application_id}/${request.token}/messages/@original`,
    );
    const message = (await original.json()) as { id: string };
    const click = componentInteraction(approve?.custom_id ?? "", { scene: scene(true) });
    click.message.id = message.id;
    const clicked = await postSigned(bot, signer, click);
    const opened = await sink().waitFor(
      (event) => event.token === click.token && event.method === "PATCH" && content(event).includes("opened"),
      60_000,
    );

    expect([deferred.body.type, clicked.body.type]).toEqual([5, 6]);
    const requestId = /selfedit:approve:(se_\w+)/.exec(approve?.custom_id ?? "")?.[1] ?? "";
    expect(content(opened)).toMatch(/pull request #1 opened: file:\/\//);
    const git = (...args: string[]) => gitRun(repo.dir, args);
    expect(await git("rev-parse", `megawatts/${requestId}^`)).toBe(repo.commit);
    expect(await git("show", `megawatts/${requestId}:${FORMAT}`)).toContain(
      'return "Hello there, stranger!";',
    );
    expect(await git("rev-parse", "HEAD")).toBe(repo.commit);
    expect(await git("status", "--porcelain")).toBe("");
    const record = JSON.parse(await readFile(join(dataDir, "pull-requests", `${requestId}.json`), "utf8"));
    expect(record.diff).toContain('+    return "Hello there, stranger!";');
    Object.assign(approved, { requestId, messageId: message.id });
  });

  it("updates the request's message when GitHub says its pull request was merged", async () => {
    expect(approved.requestId).not.toBe("");
    const { body, headers } = githubWebhook(SECRET, "pull_request", {
      branch: `megawatts/${approved.requestId}`,
    });

    const response = await postWebhook(body, headers);
    const edit = await sink().waitFor(
      (event) =>
        event.method === "PATCH" &&
        event.path.endsWith(`/messages/${approved.messageId}`) &&
        content(event).includes("merged"),
      30_000,
    );

    expect(response.status).toBe(200);
    expect(edit.path).toMatch(/^\/channels\/\d+\/messages\/\d+$/);
    expect(content(edit)).toMatch(/^✅ \*\*Self-edit `se_\w+`\*\* — pull request #1 merged/);
  });

  it("refuses webhooks whose signature is wrong, missing or of the wrong length, and ignores other events", async () => {
    const { body, headers } = githubWebhook(SECRET, "check_suite", {
      branch: "megawatts/se_01JD3K8Z6Q9T0V4N2B7C5X1M8R",
    });
    const forged = githubWebhook("guessed", "check_suite", {
      branch: "megawatts/se_01JD3K8Z6Q9T0V4N2B7C5X1M8R",
    });
    const { "x-hub-signature-256": signature = "", ...unsigned } = headers;

    const statuses = await Promise.all([
      postWebhook(body, forged.headers),
      postWebhook(body, unsigned),
      postWebhook(body, { ...headers, "x-hub-signature-256": signature.slice(0, -2) }),
      postWebhook(body, { ...headers, "x-github-event": "push" }),
    ]);

    expect(statuses.map((response) => response.status)).toEqual([401, 401, 401, 202]);
  });

  it("answers a member without Manage Server with an ephemeral refusal", async () => {
    const request = commandInteraction(definition, {
      path: ["request"],
      options: { request: "Give everyone the admin role" },
      scene: scene(false),
    });

    const { body } = await postSigned(bot, signer, request);

    expect(body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(JSON.stringify(body)).toContain("Only maintainers can do this");
  });
});
