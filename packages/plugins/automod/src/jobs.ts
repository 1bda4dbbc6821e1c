import {
  Button,
  Component,
  type JobContext,
  type Refusal,
  type ResponderMessage,
  type ToolExecutor,
} from "@megawatts/core";
import type { AutomodPayload, RemovePayload } from "./payloads.ts";
import { ruleParams } from "./rules.ts";

const NO_PINGS = { parse: [] as [] };
const text = (content: string): ResponderMessage => ({ content, components: [], allowed_mentions: NO_PINGS });
const TRIGGERS: Record<string, string> = { "1": "keyword", "3": "spam", "4": "preset", "5": "mention spam" };

/** A refusal in plain sentences; Discord's per-type limit gets its own. */
function refusal(refused: Refusal): ResponderMessage {
  const limit = /rules with trigger type (\d+) is (\d+)/.exec(refused.message);
  if (limit)
    return text(
      `✋ Discord allows at most ${limit[2]} ${TRIGGERS[limit[1] ?? ""] ?? "such"} rule${limit[2] === "1" ? "" : "s"} per server, and this server has ${limit[2] === "1" ? "it" : "them all"}.\nRemove one first: /automod list shows them, /automod remove takes its id.`,
    );
  return text(`✋ ${refused.message}\n${refused.fix}`);
}

function confirmation(ruleLine: string, ruleId: string, invoker: string): ResponderMessage {
  const button = (
    label: string,
    style: typeof Button.Danger | typeof Button.Secondary,
    customId: string,
  ) => ({
    type: Component.Button,
    style,
    label,
    custom_id: customId,
  });
  return {
    content: `**Remove this AutoMod rule?** (nothing has changed yet)\n${ruleLine}\nOnly <@${invoker}> can confirm.`,
    components: [
      {
        type: Component.ActionRow,
        components: [
          button("Remove", Button.Danger, `automod:confirm:${ruleId}:${invoker}`),
          button("Cancel", Button.Secondary, `automod:cancel:${invoker}`),
        ],
      },
    ],
    allowed_mentions: NO_PINGS,
  };
}

async function run(executor: ToolExecutor, context: JobContext<AutomodPayload>) {
  const { actor, path, options } = context.payload;
  const [command = "", kind = ""] = path;
  const execute = (tool: string, params: unknown) =>
    executor.execute({
      tool,
      params,
      actor,
      reason: `/automod ${path.join(" ")}`,
      reference: context.job.id,
    });
  if (command === "list") {
    const listed = await execute("automod_rule_list", {});
    return context.reply(listed.ok ? text(listed.result.summary) : refusal(listed.refusal));
  }
  if (command === "create") {
    const created = await execute("automod_rule_create", ruleParams(kind, options));
    return context.reply(created.ok ? text(`✅ ${created.result.summary}`) : refusal(created.refusal));
  }
  const ruleId = String(options.rule_id ?? "").trim();
  // The checks run now for the confirmation, and again when Remove is pressed.
  const prepared = await executor.prepare({
    tool: "automod_rule_delete",
    params: { ruleId },
    actor,
    reference: context.job.id,
  });
  if (!prepared.ok) return context.reply(refusal(prepared.refusal));
  const listed = await execute("automod_rule_list", {});
  if (!listed.ok) return context.reply(refusal(listed.refusal));
  const rule = (listed.result.data as { id: string; line: string }[]).find(
    (candidate) => candidate.id === ruleId,
  );
  if (!rule)
    return context.reply(text(`✋ This server has no AutoMod rule ${ruleId}; /automod list shows the ids.`));
  await context.reply(confirmation(rule.line, ruleId, actor.userId));
}

async function remove(executor: ToolExecutor, context: JobContext<RemovePayload>) {
  const { actor, ruleId } = context.payload;
  const removed = await executor.execute({
    tool: "automod_rule_delete",
    params: { ruleId },
    actor,
    reason: "/automod remove",
    reference: context.job.id,
  });
  await context.reply(removed.ok ? text(`✅ ${removed.result.summary}`) : refusal(removed.refusal));
}

/**
 * The AutoMod jobs: every call goes through the tool executor, which checks Manage Server for the
 * member and the bot.
 *
 * @example
 * const jobs = createAutomodJobs(serverTools.executor);
 */
export function createAutomodJobs(executor: ToolExecutor) {
  return {
    "automod.run": (context: JobContext) => run(executor, context as JobContext<AutomodPayload>),
    "automod.remove": (context: JobContext) => remove(executor, context as JobContext<RemovePayload>),
  };
}
