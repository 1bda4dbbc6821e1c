import { Button, Component, plural, type ResponderMessage } from "@megawatts/core";
import type { APIEmbed } from "discord-api-types/v10";
import type { SelfEditRecord } from "../records/record.ts";
import { stageLine, statusLine } from "./status-line.ts";

/** What the message of one self-edit shows besides its record. */
export interface ProposalView {
  record: SelfEditRecord;
  request: string;
  /** The accepted round's diff, or the last round's. */
  diff?: string;
  /** The validator's findings, for a rejected request. */
  feedback?: string;
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function requestEmbed({ record, request }: ProposalView): APIEmbed {
  const fields = [
    ...(record.target ? [{ name: "Target", value: `\`${cut(record.target, 200)}\``, inline: true }] : []),
    ...(record.baseCommit
      ? [{ name: "Base", value: `\`${record.baseCommit.slice(0, 12)}\``, inline: true }]
      : []),
    ...(record.decision
      ? [{ name: "Decision", value: `${record.decision} · ${record.risk} risk`, inline: true }]
      : []),
    ...(record.diffStat
      ? [
          {
            name: "Change",
            value: `${plural(record.diffStat.files, "file")}, +${record.diffStat.added} −${record.diffStat.removed}`,
            inline: true,
          },
        ]
      : []),
    {
      name: "Rounds",
      value: `${record.rounds} (${Math.max(0, record.rounds - 1)} repair) · ${(record.tokens.prompt + record.tokens.completion).toLocaleString("en-US")} tokens`,
      inline: true,
    },
    ...(record.stages?.length ? [{ name: "Validation", value: stageLine(record.stages) }] : []),
  ];
  return {
    title: record.kind === "revert" ? `Revert of ${record.revertOf}` : "Request",
    description: cut(request, 1500),
    fields,
    ...(record.summary ? { footer: { text: cut(record.summary, 500) } } : {}),
  };
}

/**
 * The message of a self-edit: its status line, the request with the validation report
 * (decision, risk, files and lines, rounds and tokens, each stage), the diff, and — while it
 * waits — Approve and Discard buttons whose custom ids carry the request id.
 *
 * @example
 * await reply(proposalMessage({ record, request, diff: report.diff }));
 */
export function proposalMessage(view: ProposalView): ResponderMessage {
  const embeds: APIEmbed[] = [requestEmbed(view)];
  // One of the two, so the message stays within Discord's 6,000 characters of embeds.
  if (view.feedback) embeds.push({ title: "Last findings", description: cut(view.feedback, 1_500) });
  else if (view.diff)
    embeds.push({ title: "Diff", description: `\`\`\`diff\n${cut(view.diff.trimEnd(), 3_200)}\n\`\`\`` });
  const { requestId, status } = view.record;
  const buttons =
    status === "proposed"
      ? [
          {
            type: Component.ActionRow,
            components: [
              {
                type: Component.Button,
                style: Button.Success,
                label: "Approve",
                custom_id: `selfedit:approve:${requestId}`,
              },
              {
                type: Component.Button,
                style: Button.Danger,
                label: "Discard",
                custom_id: `selfedit:discard:${requestId}`,
              },
            ],
          },
        ]
      : [];
  return { content: statusLine(view.record), embeds, components: buttons, allowed_mentions: { parse: [] } };
}
