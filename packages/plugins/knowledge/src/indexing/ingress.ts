import type { CommandContext, IngressPlugin, Reply } from "@megawatts/core";
import { guildOf, optionValues, parseDay, requireManager, text } from "../options.ts";
import type { IndexPayload } from "../payloads.ts";
import { manifest } from "./manifest.ts";

function indexReply(context: CommandContext): Reply {
  guildOf(context, "/index");
  requireManager(context.interaction, "/index");
  const values = optionValues(context.interaction);
  const since = text(values.get("since"));
  const payload: IndexPayload = {
    channelId: text(values.get("channel")) ?? "",
    ...(since ? { since: parseDay(since, "since") } : {}),
  };
  return { type: "defer", ephemeral: true, job: { kind: "indexing.index", payload } };
}

/** The ingress half of the indexing plugin: `/index` defers the backfill to the worker. */
export const indexingIngress: IngressPlugin = {
  manifest,
  commands: { index: { run: indexReply } },
};
