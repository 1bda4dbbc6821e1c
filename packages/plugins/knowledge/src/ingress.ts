import type { CommandContext, IngressPlugin, Reply } from "@megawatts/core";
import { manifest } from "./manifest.ts";
import { callerOf, checkRange, guildOf, optionValues, parseDay, text, visibleChannels } from "./options.ts";
import type { AskPayload, PagePayload, SearchPayload } from "./payloads.ts";

const MAX_CHOICE = 100;

function searchReply(context: CommandContext): Reply {
  guildOf(context, "/search");
  const values = optionValues(context.interaction);
  const channel = text(values.get("channel"));
  const author = text(values.get("author"));
  const after = text(values.get("after"));
  const before = text(values.get("before"));
  const mode = text(values.get("mode")) as SearchPayload["mode"];
  const channelIds = visibleChannels(context.interaction, channel);
  const afterMs = after ? parseDay(after, "after") : undefined;
  const beforeMs = before ? parseDay(before, "before") : undefined;
  checkRange(afterMs, beforeMs);
  const payload: SearchPayload = {
    query: text(values.get("query")) ?? "",
    ...(mode ? { mode } : {}),
    filters: {
      ...(channel ? { channelId: channel } : {}),
      ...(author ? { authorId: author } : {}),
      ...(afterMs !== undefined ? { after: afterMs } : {}),
      ...(beforeMs !== undefined ? { before: beforeMs } : {}),
    },
    ...(channelIds ? { channelIds } : {}),
  };
  return {
    type: "defer",
    ephemeral: true,
    job: { kind: "knowledge.search", payload, sealFor: callerOf(context) },
  };
}

function askReply(context: CommandContext): Reply {
  guildOf(context, "/ask");
  const channelIds = visibleChannels(context.interaction);
  const payload: AskPayload = {
    question: text(optionValues(context.interaction).get("question")) ?? "",
    ...(channelIds ? { channelIds } : {}),
  };
  return {
    type: "defer",
    ephemeral: true,
    job: { kind: "knowledge.ask", payload, sealFor: callerOf(context) },
  };
}

function statusReply(context: CommandContext): Reply {
  guildOf(context, "/knowledge");
  return { type: "defer", ephemeral: true, job: { kind: "knowledge.status" } };
}

/**
 * The ingress half of the knowledge plugin: everything defers to the worker except
 * autocomplete, which answers inline from what the member typed (see the README for why the
 * ingress reads no hot tier), and paging buttons, which defer an update of their message.
 */
export const knowledgeIngress: IngressPlugin = {
  manifest,
  commands: {
    search: {
      run: searchReply,
      autocomplete: ({ interaction }) => {
        const typed = String(optionValues(interaction).get("query") ?? "")
          .trim()
          .slice(0, MAX_CHOICE);
        return { choices: typed ? [{ name: typed, value: typed }] : [] };
      },
    },
    ask: { run: askReply },
    knowledge: { run: statusReply },
  },
  components: {
    page: {
      run: ({ args, interaction }) => {
        const shown = "message" in interaction ? /“(.*)”/.exec(interaction.message.content)?.[1] : undefined;
        const payload: PagePayload = { cursor: args.join(":"), ...(shown ? { query: shown } : {}) };
        return {
          type: "defer",
          job: { kind: "knowledge.page", payload, sealFor: callerOf({ interaction }) },
        };
      },
    },
  },
};
