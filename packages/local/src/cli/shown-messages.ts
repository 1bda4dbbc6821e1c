import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { ComponentMessage } from "./build-interaction.ts";

type Shown = NonNullable<ComponentMessage> & { components?: unknown[] };
const KEEP = 50;
const fileOf = (dataDir: string) => join(dataDir, "simulator", "messages.json");

async function load(dataDir: string): Promise<Shown[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(fileOf(dataDir), "utf8"));
    return Array.isArray(parsed) ? (parsed as Shown[]) : [];
  } catch {
    return [];
  }
}

const holds = (message: Shown, customId: string) =>
  JSON.stringify(message.components ?? []).includes(JSON.stringify(customId));

/**
 * Keeps a message the bot answered inline with buttons (Discord shows it; the local sink never
 * sees it), so a later `component` click can carry it as Discord would. The last 50 are kept
 * under `<data dir>/simulator/`.
 *
 * @example
 * await rememberShown(".data", { content: "Erase everything?", components: [row] });
 */
export async function rememberShown(dataDir: string, message: Shown): Promise<void> {
  if (!message.components?.length) return;
  const kept = [...(await load(dataDir)), message].slice(-KEEP);
  await mkdir(dirname(fileOf(dataDir)), { recursive: true });
  await writeFile(fileOf(dataDir), JSON.stringify(kept), { mode: 0o600 });
}

/**
 * The last inline message remembered with a component `customId`, if any.
 *
 * @example
 * await shownMessage(".data", "privacy:erase:1100000000000000004");
 */
export async function shownMessage(dataDir: string, customId: string): Promise<Shown | undefined> {
  return (await load(dataDir)).reverse().find((message) => holds(message, customId));
}
