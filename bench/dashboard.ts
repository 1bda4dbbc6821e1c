import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DASHBOARD_DIST } from "@megawatts/dashboard/build";
import { LOCAL_GUILD, startLocalBot } from "@megawatts/local";
import { openBrowser } from "@megawatts/testing/chromium";
import type { Page } from "playwright-core";
import type { Section } from "./lib/section.ts";
import { summarize } from "./lib/stats.ts";

const ROUNDS = 15;

interface PageGlobals {
  document: { querySelector(selector: string): unknown };
  performance: { now(): number };
}

/**
 * Milliseconds from navigation start until `selector` is in the page's DOM, the cache off.
 * (A function, not a string: the dashboard's CSP forbids evaluating strings.)
 */
async function loadTime(page: Page, url: string, selector: string): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  const handle = await page.waitForFunction(
    (wanted) => {
      const { document, performance } = globalThis as unknown as PageGlobals;
      return document.querySelector(wanted) !== null && performance.now();
    },
    selector,
    { polling: "raf" },
  );
  return (await handle.jsonValue()) as number;
}

/** A blank page on its own loopback server: what any navigation costs here. */
async function blankServer() {
  const server = createServer((_request, response) =>
    response
      .writeHead(200, { "content-type": "text/html" })
      .end("<!doctype html><title>blank</title><p>blank"),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const dashboardLoad: Section = {
  id: "dashboard",
  title: `Dashboard first load in headless Chromium (overview painted, cache off, ${ROUNDS} loads)`,
  async run() {
    const dataDir = await mkdtemp(join(tmpdir(), "megawatts-bench-dashboard-"));
    const bot = await startLocalBot({ port: 0, inMemory: true, dataDir, logLevel: "SILENT" });
    const blank = await blankServer();
    const browser = await openBrowser();
    const { context } = browser;
    try {
      const page = await context.newPage();
      await page.goto(bot.url);
      await page.getByRole("link", { name: "Log in with Discord" }).click();
      await page.getByRole("button", { name: "ada" }).click();
      await page.getByRole("heading", { name: "Your servers" }).waitFor();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });

      const overview = `${bot.url}/servers/${LOCAL_GUILD.guildId}`;

      const samples = { dashboard: [] as number[], blank: [] as number[] };
      for (let round = 0; round < ROUNDS + 2; round++) {
        const b = await loadTime(page, blank.url, "p");
        const d = await loadTime(page, overview, "tbody td");
        if (round < 2) continue; // warm-up: the JIT, the first connections
        samples.blank.push(b);
        samples.dashboard.push(d);
      }
      const scripts = await page.evaluate(() => {
        const { performance } = globalThis as unknown as {
          performance: { getEntriesByType(type: string): { name: string; initiatorType: string }[] };
        };
        return performance
          .getEntriesByType("resource")
          .filter((entry) => entry.initiatorType === "script")
          .map((entry) => new URL(entry.name).pathname);
      });
      const gzipped = await Promise.all(
        scripts.map(async (path) => gzipSync(await readFile(join(DASHBOARD_DIST, path))).length),
      );
      const jsKb = gzipped.reduce((sum, size) => sum + size, 0) / 1024;
      const dashboard = summarize(samples.dashboard);
      const baseline = summarize(samples.blank);
      return {
        figures: [
          {
            name: "overview painted p50",
            unit: "ms",
            measured: dashboard.p50,
            baseline: baseline.p50,
            target: { atMost: 1000 },
          },
          { name: "overview painted p99", unit: "ms", measured: dashboard.p99, baseline: baseline.p99 },
          { name: "JavaScript on first load, gzipped", unit: "KB", measured: jsKb, target: { atMost: 150 } },
        ],
        notes: [
          "baseline: a blank page from a bare node:http server on loopback, loaded in the same browser, alternating load by load",
          `measured: navigation start to the overview's health table in the DOM (session, servers and /status checks fetched), local bot on in-memory stand-ins; ${scripts.length} script file(s)`,
        ],
      };
    } finally {
      await browser.close();
      await blank.close();
      await bot.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
