import type { Answer, BackfillProgress, SyncMarker } from "@megawatts/core";
import { Button, Component, type MessagePayload, plural, type SearchPage } from "@megawatts/core";

const SNIPPET = 180;
const CUSTOM_ID = 100;
const stamp = (ms: number, style: "d" | "f" = "d") => `<t:${Math.floor(ms / 1000)}:${style}>`;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function pageButtons(page: SearchPage) {
  const button = (label: string, cursor: string | undefined, fallback: string) => {
    const id = cursor ? `knowledge:page:${cursor}` : fallback;
    const usable = cursor !== undefined && id.length <= CUSTOM_ID;
    return {
      type: Component.Button,
      style: Button.Secondary,
      label,
      custom_id: usable ? id : fallback,
      disabled: !usable,
    };
  };
  if (!page.previous && !page.cursor) return [];
  const buttons = [
    button("◀ Previous", page.previous, "knowledge:none:prev"),
    button("Next ▶", page.cursor, "knowledge:none:next"),
  ];
  return [{ type: Component.ActionRow, components: buttons }];
}

/** What a member is told when their search, limited to the channels they can read, finds nothing. */
const WIDEN =
  "-# Members search the channel they are in, plus one they name: add `channel:` to look in another channel you can read. Administrators search the whole server.";

function channelList(channels: readonly string[]): string {
  const names = channels.map((id) => `<#${id}>`);
  return names.length <= 1
    ? (names[0] ?? "no channel")
    : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * A page of search results as one message: score, author, date, jump link and snippet per
 * result, and Previous/Next buttons whose custom ids carry the engine's cursor. `scope` names
 * the channels a member's search was limited to (absent for administrators).
 *
 * @example
 * await reply(searchMessage(page, "deploy"));
 */
export function searchMessage(page: SearchPage, query: string, scope?: readonly string[]): MessagePayload {
  const degraded = page.degraded ? " (semantic side unavailable: keyword results only)" : "";
  const where = scope ? ` in ${channelList(scope)}` : "";
  if (page.results.length === 0) {
    return {
      content: `🔎 Nothing found for “${clip(query, 100)}”${where} (${page.mode})${degraded}.${scope ? `\n${WIDEN}` : ""}`,
      components: [],
      allowed_mentions: { parse: [] },
    };
  }
  const first = page.offset + 1;
  // The engine ranks no deeper than its paging depth: a count that reached it is a lower bound.
  const of = page.capped ? `of ${page.total}+` : `of ${page.total}`;
  const header = `🔎 **${first}–${page.offset + page.results.length} ${of}** for “${clip(query, 100)}”${where} · ${page.mode}${degraded}`;
  const lines = page.results.map((result, i) => {
    const head = `**${first + i}.** [jump](${result.url}) · <@${result.authorId}> in <#${result.channelId}> · ${stamp(result.createdAt)} · score ${result.score.toFixed(3)}`;
    const context = result.context ? `\n> ↪ *${clip(result.context.replace(/\s+/g, " "), SNIPPET / 2)}*` : "";
    return result.snippet
      ? `${head}\n> ${clip(result.snippet.replace(/\s+/g, " "), SNIPPET)}${context}`
      : head;
  });
  return {
    content: [header, ...lines].join("\n"),
    components: pageButtons(page),
    allowed_mentions: { parse: [] },
  };
}

/**
 * An answer with its numbered sources, each a jump link; the responder splits it to
 * Discord's limits. `scope` names the channels a member's question was limited to.
 *
 * @example
 * await reply(answerMessage(answer));
 */
export function answerMessage(answer: Answer, scope?: readonly string[]): MessagePayload {
  const sources = answer.citations.length > 0 ? answer.citations : answer.sources;
  const list = sources.map(
    (source) => `[${source.n}] <@${source.authorId}> in <#${source.channelId}>: ${source.url}`,
  );
  const follow = answer.followUp ? "\n-# Taken as a follow-up of your previous question." : "";
  const looked =
    scope && answer.mode === "not-found"
      ? `\n-# I looked only in ${channelList(scope)}: members' questions are answered from the channel they ask in. Ask in another channel to look there; administrators' questions cover the whole server.`
      : "";
  const note = `${follow}${looked}`;
  const content =
    list.length > 0 ? `${answer.text}\n\n**Sources**\n${list.join("\n")}${note}` : `${answer.text}${note}`;
  return { content, allowed_mentions: { parse: [] } };
}

/**
 * A progress bar for `/index`: how far back it got, counts, and what to do next.
 *
 * @example
 * progressMessage(progress, channelId) // "📚 Indexing <#…> ▰▰▰▱▱▱▱▱▱▱ 30 % · 300 messages read …"
 */
export function progressMessage(progress: BackfillProgress, channelId: string): MessagePayload {
  const filled = Math.round(progress.fraction * 10);
  const bar = `${"▰".repeat(filled)}${"▱".repeat(10 - filled)} ${Math.round(progress.fraction * 100)} %`;
  const back = progress.oldest !== undefined ? ` · back to ${stamp(progress.oldest, "f")}` : "";
  const counts = `${plural(progress.seen, "message")} read in ${plural(progress.pages, "page")} · ${progress.indexed} indexed · ${progress.duplicate} already indexed · ${progress.skipped} skipped${back}`;
  const title = {
    running: `📚 Indexing <#${channelId}>${progress.resumed ? " (resumed)" : ""}`,
    done: `✅ Indexed <#${channelId}>${progress.resumed ? " (resumed)" : ""}`,
    stopped: `⏸️ Paused indexing <#${channelId}>: run \`/index\` again to resume from here`,
  }[progress.state];
  return { content: `${title}\n${bar}\n${counts}`, allowed_mentions: { parse: [] } };
}

const VECTORS = { pinecone: "Pinecone", local: "the local vector index", none: "none (keyword search only)" };

/**
 * `/knowledge`: whether channel indexing is on here, which channels are kept in sync, and
 * what this deployment searches and answers with.
 *
 * @example
 * statusMessage({ indexing: "off", channels: [], vectors: "none", chat: false })
 */
export function statusMessage(status: {
  indexing: "on" | "off" | "not installed";
  channels: readonly SyncMarker[];
  vectors: keyof typeof VECTORS;
  chat: boolean;
}): MessagePayload {
  const indexing = {
    on: "✅ Channel indexing is **on**: admins can run `/index channel:<channel>`, and indexed channels are kept in sync every few minutes.",
    off: "⏸️ Channel indexing is **off**: I read no channel history here (Remember still stores single messages). Someone with Manage Server turns it on with `/plugins enable plugin:indexing`.",
    "not installed": "Channel indexing is not installed on this deployment.",
  }[status.indexing];
  const channels = status.channels
    .slice(0, 10)
    .map(
      (marker) =>
        `• <#${marker.channelId}>: ${marker.indexed} messages, last synced ${stamp(marker.syncedAt, "f")}`,
    );
  const more = status.channels.length > 10 ? [`…and ${status.channels.length - 10} more.`] : [];
  const answers = status.chat
    ? "generated by the configured model, with citations"
    : "extractive quotes (no chat model configured)";
  return {
    content: [
      indexing,
      ...(channels.length > 0 ? ["Indexed channels:", ...channels, ...more] : []),
      `Vectors: ${VECTORS[status.vectors]} · Answers: ${answers}.`,
    ].join("\n"),
    allowed_mentions: { parse: [] },
  };
}
