import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import { type LocalBot, type SinkEvent, startLocalBot } from "@megawatts/local";
import { commandInteraction, createSigner, type Scene, type Signer, snowflake } from "@megawatts/testing";
import type { APIInteraction } from "discord-api-types/v10";
import { inject } from "vitest";
import { postSigned, uniquePrefix } from "./helpers.ts";

/** The evaluation server's busiest channel, which the sink serves by default (101 messages). */
export const FIXTURE_CHANNEL = "401000000000000002";
const definitions = createCommandRegistry(ingressPlugins).definitions;

/** An installed command's definition by name. */
export function definition(name: string) {
  const found = definitions.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no ${name} command installed`);
  return found;
}

/** A local bot on the shared stand-ins with a data directory of its own (for the local vector index). */
export async function startKnowledgeBot(label: string, env: Record<string, string> = {}) {
  const signer = createSigner();
  const dataDir = await mkdtemp(join(tmpdir(), "megawatts-kbot-"));
  const bot = await startLocalBot({
    env: { DISCORD_PUBLIC_KEY: signer.publicKey, ...env },
    port: 0,
    dataDir,
    standIns: inject("standIns"),
    resourcePrefix: uniquePrefix(label),
    backoff: { baseSeconds: 0, maxSeconds: 0 },
    // Plugin changes take effect at once (in Lambda, other containers notice within 15 s).
    pluginStateTtlMs: 0,
    logLevel: "SILENT",
  });
  const stop = async () => {
    await bot.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  return { bot, signer, dataDir, stop, ...sender(bot, signer) };
}

/** Sends signed interactions and waits for the last edit of a deferred reply. */
function sender(bot: LocalBot, signer: Signer) {
  const scene = (extra: Partial<Scene> = {}): Scene => ({
    applicationId: bot.config.discord.applicationId,
    guildId: snowflake(),
    userId: snowflake(),
    ...extra,
  });
  /** Resolves the inline answer and, when deferred, the edit `done` accepts (default: the first). */
  async function send(interaction: APIInteraction & { token: string }, done = (_edit: string) => true) {
    const { body } = await postSigned(bot, signer, interaction);
    if (body.type !== 5 && body.type !== 6) return { body, edit: undefined, text: "" };
    const sink = bot.sink;
    if (!sink) throw new Error("the bot has no sink");
    const edit = await sink.waitFor(
      (event) => event.token === interaction.token && event.method === "PATCH" && done(content(event)),
      30_000,
    );
    return { body, edit, text: content(edit) };
  }
  const command = (name: string, scene: Scene, options: Record<string, string> = {}, path?: string[]) =>
    commandInteraction(definition(name), { scene, options, ...(path ? { path } : {}) });
  return { scene, send, command };
}

/** The text of a recorded message edit. */
export const content = (event: SinkEvent | undefined) =>
  String((event?.body as { content?: string } | undefined)?.content);

/** The custom ids of the buttons in a recorded edit. */
export function buttonIds(event: SinkEvent | undefined): string[] {
  const rows =
    (event?.body as { components?: { components: { custom_id?: string; disabled?: boolean }[] }[] })
      ?.components ?? [];
  return rows.flatMap((row) =>
    row.components.filter((button) => !button.disabled).map((button) => button.custom_id ?? ""),
  );
}

/** The message ids of the jump links in a text. */
export const linkedIds = (text: string) =>
  [...text.matchAll(/https:\/\/discord\.com\/channels\/\d+\/\d+\/(\d+)/g)].map((match) => match[1] ?? "");
