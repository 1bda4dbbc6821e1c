import { Button, Component, type Refusal, type ResponderMessage } from "@megawatts/core";
import { actionName, type CaseRecord } from "./cases/case.ts";

const NO_PINGS = { parse: [] as [] };
const COLOURS: Partial<Record<CaseRecord["action"], number>> = {
  warn: 0xf1c40f,
  timeout: 0xe67e22,
  kick: 0xe74c3c,
  ban: 0x992d22,
  softban: 0xc0392b,
  unban: 0x2ecc71,
  untimeout: 0x2ecc71,
};
const at = (ms: number, style = "f") => `<t:${Math.floor(ms / 1000)}:${style}>`;

export function textMessage(content: string): ResponderMessage {
  return { content, components: [], allowed_mentions: NO_PINGS };
}

/** A refusal in plain sentences: the rule that stopped it and what would fix it. */
export function refusalMessage(refusal: Refusal): ResponderMessage {
  return textMessage(`✋ ${refusal.message}\n${refusal.fix}`);
}

/** How long, in words: 90 → "1 hour 30 minutes". */
export function duration(minutes: number): string {
  const parts: string[] = [];
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days) parts.push(`${days} day${days === 1 ? "" : "s"}`);
  if (hours) parts.push(`${hours} hour${hours === 1 ? "" : "s"}`);
  if (rest) parts.push(`${rest} minute${rest === 1 ? "" : "s"}`);
  return parts.join(" ");
}

/** A case's reason, or why there is none to show. */
function reasonText(record: CaseRecord): string {
  if (record.deleted) return "*deleted*";
  if (record.erased) return "*erased with the member's data*";
  return record.reason ?? "*none given*";
}

/** One line per case, for lists: `#12 · Ban · 2 days · reason`. */
export function caseLine(record: CaseRecord): string {
  const parts = [`**#${record.number}** ${actionName(record.action)}`, at(record.createdAt, "d")];
  if (record.durationMinutes) parts.push(duration(record.durationMinutes));
  parts.push(reasonText(record).slice(0, 80));
  return parts.join(" · ");
}

/** A case as the mod log and `/case show` present it. */
export function caseEmbed(record: CaseRecord, extra: { name: string; value: string }[] = []) {
  const fields = [
    ...(record.targetId
      ? [{ name: "Member", value: `<@${record.targetId}> (${record.targetId})`, inline: true }]
      : []),
    ...(record.channelId ? [{ name: "Channel", value: `<#${record.channelId}>`, inline: true }] : []),
    { name: "Moderator", value: `<@${record.moderatorId}>`, inline: true },
    { name: "Reason", value: reasonText(record) },
    ...(record.durationMinutes
      ? [{ name: "Duration", value: duration(record.durationMinutes), inline: true }]
      : []),
    ...(record.endsAt ? [{ name: "Ends", value: at(record.endsAt, "R"), inline: true }] : []),
    ...(record.dm && record.dm !== "none"
      ? [
          {
            name: "Direct message",
            value: record.dm === "sent" ? "sent" : "could not be delivered",
            inline: true,
          },
        ]
      : []),
    ...(record.links.length > 0 ? [{ name: "Links", value: record.links.join("\n") }] : []),
    ...(record.refersTo ? [{ name: "Follows", value: `case #${record.refersTo}`, inline: true }] : []),
    ...extra,
  ];
  const source = {
    command: "command",
    report: "member report",
    schedule: "scheduled",
    "audit-log": "Discord audit log",
  };
  return {
    title: `Case #${record.number} · ${actionName(record.action)}`,
    color: COLOURS[record.action] ?? 0x95a5a6,
    fields,
    footer: { text: `from ${source[record.source]}` },
    timestamp: new Date(record.createdAt).toISOString(),
  };
}

/** A dangerous action's plan with Confirm / Cancel, only for the moderator who asked. */
export function confirmMessage(plan: string, pendingId: string, invokerId: string): ResponderMessage {
  return {
    content: `**Please confirm** (nothing has changed yet):\n${plan}\nOnly <@${invokerId}> can confirm.`,
    components: [
      {
        type: Component.ActionRow,
        components: [
          {
            type: Component.Button,
            style: Button.Danger,
            label: "Confirm",
            custom_id: `moderation:confirm:${pendingId}:${invokerId}`,
          },
          {
            type: Component.Button,
            style: Button.Secondary,
            label: "Cancel",
            custom_id: `moderation:cancel:${pendingId}:${invokerId}`,
          },
        ],
      },
    ],
    allowed_mentions: NO_PINGS,
  };
}
