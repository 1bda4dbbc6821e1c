import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's chromium (or `CHROMIUM_PATH`); nothing here downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Without these, Chromium reaches out to the network on start (updates, sync, QUIC probes).
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * A headless Chromium with a fresh profile, closed (profile removed) by `close()`.
 *
 * @example
 * const browser = await openBrowser();
 * try { await (await browser.context.newPage()).goto(url); } finally { await browser.close(); }
 */
export async function openBrowser(viewport = { width: 1280, height: 800 }) {
  const profile = await mkdtemp(join(tmpdir(), "megawatts-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
    acceptDownloads: true,
  });
  // A step that cannot happen fails in seconds, with what it waited for.
  context.setDefaultTimeout(10_000);
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
