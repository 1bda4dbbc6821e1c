import { type CommandContext, type IngressPlugin, type Reply, VisibleError } from "@megawatts/core";
import { manifest } from "./manifest.ts";
import {
  checkRange,
  optionValues,
  parseDay,
  requireManager,
  subcommandOf,
  visibleChannels,
} from "./options.ts";
import type { AskPayload, IndexPayload, PagePayload, SearchPayload, SwitchPayload } from "./payloads.ts";

const MAX_CHOICE = 100;

function guildOf({ interaction }: CommandContext, command: string): string {
  if (!interaction.guild_id) throw new VisibleError(`${command} works inside a server.`);
  return interaction.guild_id;
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

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
  return { type: "defer", ephemeral: true, job: { kind: "knowledge.search", payload } };
}

function askReply(context: CommandContext): Reply {
  guildOf(context, "/ask");
  const channelIds = visibleChannels(context.interaction);
  const payload: AskPayload = {
    question: text(optionValues(context.interaction).get("question")) ?? "",
    ...(channelIds ? { channelIds } : {}),
  };
  return { type: "defer", ephemeral: true, job: { kind: "knowledge.ask", payload } };
}

function indexReply(context: CommandContext): Reply {
  guildOf(context, "/index");
  requireManager(context.interaction, "/index");
  const values = optionValues(context.interaction);
  const since = text(values.get("since"));
  const payload: IndexPayload = {
    channelId: text(values.get("channel")) ?? "",
    ...(since ? { since: parseDay(since, "since") } : {}),
  };
  return { type: "defer", ephemeral: true, job: { kind: "knowledge.index", payload } };
}

function switchReply(context: CommandContext): Reply {
  guildOf(context, "/knowledge");
  const sub = subcommandOf(context.interaction);
  if (sub !== "status") requireManager(context.interaction, "/knowledge");
  const payload: SwitchPayload = sub === "status" ? {} : { enabled: sub === "enable" };
  return { type: "defer", ephemeral: true, job: { kind: "knowledge.switch", payload } };
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
    index: { run: indexReply },
    knowledge: { run: switchReply },
  },
  components: {
    page: {
      run: ({ args, interaction }) => {
        const shown = "message" in interaction ? /“(.*)”/.exec(interaction.message.content)?.[1] : undefined;
        const payload: PagePayload = { cursor: args.join(":"), ...(shown ? { query: shown } : {}) };
        return { type: "defer", job: { kind: "knowledge.page", payload } };
      },
    },
  },
};
