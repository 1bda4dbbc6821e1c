import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "@megawatts/core";
import { LOCAL_GUILD, type SinkEvent } from "@megawatts/local";
import { createRecord } from "@megawatts/plugin-selfedit/records";
import { formatEdits, parseEdits } from "@megawatts/selfedit";
import { gitRun } from "@megawatts/selfedit/local-git";
import { createFixtureRepo, type FixtureRepo } from "@megawatts/selfedit/testing";
import { commandInteraction, componentInteraction } from "@megawatts/testing";
import { PermissionFlagsBits } from "discord-api-types/v10";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postSigned } from "../helpers.ts";
import { definition } from "../knowledge-bot-fixtures.ts";
import { GOOD } from "../selfedit-answers.ts";
import { openBrowser, seriousViolations, watchErrors } from "./browser.ts";
import { startDashboardBot } from "./fixtures.ts";

const g = LOCAL_GUILD;
let env: Awaited<ReturnType<typeof startDashboardBot>>;
/** The repository self-edits are opened in (a fixture, not this one), and the bot's data. */
let repo: FixtureRepo;
let dataDir: string;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
let errors: string[];
const violations: Record<string, string[]> = {};

/** Records axe's serious violations of the page as it is now, under its name. */
async function audit(name: string) {
  violations[name] = await seriousViolations(page);
}

beforeAll(async () => {
  [repo, dataDir] = await Promise.all([createFixtureRepo(), mkdtemp(join(tmpdir(), "dashboard-browser-"))]);
  env = await startDashboardBot("dashboard-browser", { env: { SELFEDIT_REPO_DIR: repo.dir }, dataDir });
  browser = await openBrowser();
  page = await browser.context.newPage();
  errors = watchErrors(page);
});
afterAll(async () => {
  await browser?.close();
  await env?.stop();
  await repo?.remove();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("the dashboard in a headless Chromium", () => {
  it("logs in through the local OAuth2 page and shows only the servers the bot and ada share", async () => {
    await page.goto(env.bot.url);
    await audit("login");
    await page.getByRole("link", { name: "Log in with Discord" }).click();
    await page.getByRole("button", { name: "ada" }).click();

    await page.getByRole("heading", { name: "Your servers" }).waitFor();
    await audit("servers");
    const servers = await page.getByRole("heading", { level: 2 }).allTextContents();
    expect(servers).toEqual(["megawatts local", "neighbours"]);
  });

  it("opens a server's overview by keyboard, with the health checks painted", async () => {
    const manage = page.getByRole("link", { name: "Manage megawatts local" });
    await manage.focus();
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { name: "Health" }).waitFor();
    await page.getByRole("cell", { name: "jobs queue" }).waitFor();
    await audit("overview");
  });

  it("turns knowledge off, and the simulator's /search is refused", async () => {
    await page.getByRole("link", { name: "Plugins" }).click();
    await page.getByRole("button", { name: "Turn knowledge off" }).click();
    await page.getByText("knowledge is now off in this server.").waitFor();
    await audit("plugins");

    const search = commandInteraction(definition("search"), {
      scene: { applicationId: env.bot.config.discord.applicationId, guildId: g.guildId, userId: g.memberId },
      options: { query: "backup" },
    });
    const { body } = await postSigned(env.bot, env.signer, search);
    expect(body.type).toBe(4);
    expect((body as { data?: { content?: string } }).data?.content).toMatch(
      /The \*\*knowledge\*\* plugin is turned off in this server\./,
    );
  });

  it("shows knowledge and self-edits while their plugins are on", async () => {
    await page.getByRole("link", { name: "Plugins" }).click();
    await page.getByRole("button", { name: "Turn knowledge on" }).click();
    await page.getByRole("link", { name: "Knowledge" }).click();
    await page.getByText("Channel indexing is").waitFor();
    await page.getByLabel("Search what this server said").fill("backup");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText(/matches \(/).waitFor();
    await audit("knowledge");

    await page.getByRole("link", { name: "Self-edits" }).click();
    await page.getByText("No self-edit requests yet.").waitFor();
    await audit("self-edits");
  });

  it("approves a self-edit proposal, and the proposal's channel says its pull request is open", async () => {
    const requestId = "se_01JZ0000000000000000000001";
    const { data, envelope } = env.bot.services;
    await createRecord(
      { data, envelope, clock: systemClock },
      g.guildId,
      {
        requestId,
        kind: "change",
        status: "proposed",
        requestedBy: g.ownerId,
        preset: "manual",
        baseCommit: repo.commit,
        rounds: 1,
        tokens: { prompt: 1_000, completion: 50 },
        risk: "low",
        summary: "A warmer greeting for strangers",
        edits: formatEdits(parseEdits(GOOD).blocks),
        channelId: g.generalId,
      },
      "Greet strangers a little more warmly",
    );
    const content = (event: SinkEvent) => String((event.body as { content?: string } | null)?.content ?? "");

    // The list was read before the proposal existed.
    await page.reload();
    await page.getByRole("link", { name: requestId }).click();
    await page.getByRole("button", { name: "Approve" }).click();
    await page.getByText("Approved: the pull request is being opened").waitFor();
    await audit("self-edit");
    const posted = await env.sink.waitFor(
      (event) =>
        event.method === "POST" &&
        event.path === `/channels/${g.generalId}/messages` &&
        content(event).includes(requestId),
      60_000,
    );

    expect(content(posted)).toMatch(/pull request #1 opened: file:\/\//);
    expect(await gitRun(repo.dir, ["rev-parse", `megawatts/${requestId}^`])).toBe(repo.commit);
    await page.reload();
    await page.getByText("opened", { exact: true }).waitFor();
  });

  it("opens a case created through the simulator and gives it a new reason", async () => {
    const warn = commandInteraction(definition("warn"), {
      scene: {
        applicationId: env.bot.config.discord.applicationId,
        guildId: g.guildId,
        channelId: g.generalId,
        userId: g.ownerId,
        roles: [g.roles.admin],
        admin: true,
      },
      options: { member: g.memberId, reason: "spam in general" },
    });
    const { body } = await postSigned(env.bot, env.signer, warn);
    expect(body.type).toBe(5);
    await env.sink.waitFor((event) => event.token === warn.token && event.method === "PATCH", 20_000);

    await page.getByRole("link", { name: "Cases" }).click();
    await page.getByRole("link", { name: "Case #1" }).click();
    await page.getByText("spam in general").waitFor();
    await page.getByLabel("New reason").fill("spam in general, second time");
    await page.getByRole("button", { name: "Save reason" }).click();
    await page.getByText("Case #1 has a new reason").waitFor();
    await page.getByRole("heading", { name: "Earlier reasons" }).waitFor();
    await audit("case");
  });

  it("reads the transcript of a ticket opened and closed through the simulator", async () => {
    const scene = (userId: string, extra: Record<string, unknown> = {}) => ({
      applicationId: env.bot.config.discord.applicationId,
      guildId: g.guildId,
      channelId: g.generalId,
      userId,
      // What Discord computes for the bot's role in the channel (the fixture's bot may make threads).
      appPermissions: String(
        PermissionFlagsBits.CreatePrivateThreads |
          PermissionFlagsBits.ManageThreads |
          PermissionFlagsBits.SendMessages |
          PermissionFlagsBits.ViewChannel |
          PermissionFlagsBits.ReadMessageHistory |
          PermissionFlagsBits.SendMessagesInThreads,
      ),
      ...extra,
    });
    const run = async (interaction: Parameters<typeof postSigned>[2] & { token: string }) => {
      const { body } = await postSigned(env.bot, env.signer, interaction);
      expect(body, JSON.stringify(body)).toMatchObject({ type: expect.toBeOneOf([5, 6]) });
      return env.sink.waitFor(
        (event) => event.token === interaction.token && event.method === "PATCH",
        20_000,
      );
    };
    await run(
      commandInteraction(definition("ticket"), {
        path: ["setup"],
        options: { staff_role: g.roles.moderator },
        scene: scene(g.ownerId, { roles: [g.roles.admin], admin: true }),
      }),
    );
    await run(
      componentInteraction("tickets:open", { scene: scene(g.memberId, { roles: [g.roles.member] }) }),
    );
    const listed = await page.request.get(`${env.bot.url}/api/guilds/${g.guildId}/tickets`);
    const [ticket] = ((await listed.json()) as { tickets: { ticketId: string; threadId: string }[] }).tickets;
    expect(ticket).toBeDefined();
    await run(
      commandInteraction(definition("ticket"), {
        path: ["close"],
        options: { reason: "sorted out" },
        scene: scene(g.memberId, { roles: [g.roles.member], channelId: ticket?.threadId }),
      }),
    );

    await page.getByRole("link", { name: "Tickets" }).click();
    await page.getByRole("link", { name: `Transcript of ${ticket?.ticketId}` }).click();
    await page.getByText("This ticket is private to you and the staff.").waitFor();
    await audit("ticket transcript");
  });

  it("shows the changes in the audit log", async () => {
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("cell", { name: "plugin.disabled" }).waitFor();
    await audit("audit log");
  });

  it("downloads the member's own export from My data", async () => {
    await page.getByRole("link", { name: "My data" }).click();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download my data" }).click();
    const file = await (await download).path();
    await audit("my data");

    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ guild: g.guildId, user: g.ownerId });
  });

  it("fits a phone-sized screen without sideways scrolling", async () => {
    await page.setViewportSize({ width: 375, height: 667 });
    await page.getByRole("link", { name: "Plugins" }).click();
    await page.getByRole("heading", { name: "History" }).waitFor();

    const overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("had no serious accessibility violations on any page and no console errors", () => {
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((name) => [name, []])));
    expect(errors).toEqual([]);
  });
});
