import type { ChannelMessages, Clock, DataServices, Logger } from "@megawatts/core";
import type { SelfEditEvent } from "@megawatts/selfedit/webhook";
import type { SelfEditRecord } from "./records/record.ts";
import { loadRecord, updateRecord } from "./records/store.ts";
import { statusLine } from "./render/status-line.ts";

/** What applying a GitHub event needs: the records (no keys: nothing sealed is read) and Discord. */
export interface GithubEventDeps {
  data: Pick<DataServices, "documents" | "tenants">;
  messages: ChannelMessages;
  clock: Clock;
  logger: Logger;
}

/**
 * The guild a request belongs to. Branch names carry only the request id, so the guilds that
 * have stored data are asked in turn; each look-up is one key read.
 */
async function findRecord(deps: GithubEventDeps, requestId: string) {
  for await (const guild of deps.data.tenants.all()) {
    const record = await loadRecord(deps, guild, requestId);
    if (record) return { guild, record };
  }
  return undefined;
}

function patchFor(record: SelfEditRecord, event: SelfEditEvent): Partial<SelfEditRecord> | undefined {
  if (event.kind === "pull-request") {
    const pullRequest = record.pullRequest && {
      ...record.pullRequest,
      number: event.number,
      url: event.url || record.pullRequest.url,
    };
    return { status: event.merged ? "merged" : "closed", ...(pullRequest ? { pullRequest } : {}) };
  }
  // A failed run stays visible until its suite completes; a later green run does not hide it.
  const failedBefore = record.checks && record.checks.conclusion !== "success";
  if (event.name !== "all checks" && event.conclusion === "success" && failedBefore) return undefined;
  return {
    checks: { conclusion: event.conclusion, name: event.name, ...(event.url ? { url: event.url } : {}) },
  };
}

/**
 * Applies a GitHub event to its self-edit: checks completed (✅/❌ on the message), pull
 * request merged or closed. The record is updated and the message's first line (its status)
 * is edited through the bot token, in the channel where it was posted; when that message is
 * unknown or gone, the status is posted as a new message in that channel.
 *
 * @example
 * const endpoint = createGithubWebhookEndpoint({ secret, logger, handle: (event) => applyGithubEvent(deps, event) });
 */
export async function applyGithubEvent(
  deps: GithubEventDeps,
  event: SelfEditEvent,
): Promise<"applied" | "unknown" | "unchanged"> {
  const found = await findRecord(deps, event.requestId);
  if (!found) {
    deps.logger.warn("selfedit.github-event-unknown", { requestId: event.requestId });
    return "unknown";
  }
  const patch = patchFor(found.record, event);
  if (!patch) return "unchanged";
  const record = await updateRecord(deps, found.guild, event.requestId, patch);
  if (!record.channelId) return "applied";
  const content = { content: statusLine(record), allowed_mentions: { parse: [] } };
  const edited = record.messageId
    ? await deps.messages.edit(record.channelId, record.messageId, content)
    : false;
  if (!edited) await deps.messages.post(record.channelId, content);
  return "applied";
}
