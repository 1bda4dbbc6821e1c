import {
  Button,
  Component,
  Flags,
  type PlannedStep,
  type Refusal,
  type ResponderMessage,
} from "@megawatts/core";

const NO_PINGS = { parse: [] as [] };
const SAFETY = { safe: "🟢 safe", moderate: "🟡 moderate", dangerous: "🔴 dangerous" } as const;

/** A refusal in plain sentences: the rule that stopped it, what would fix it, and a reference id. */
export function refusalMessage(refusal: Refusal): ResponderMessage {
  // A refusal is the member's to act on: a sentence and its fix, no reference id (those mark
  // failures on the bot's side only).
  return {
    content: `✋ ${refusal.message}\n${refusal.fix}`,
    components: [],
    allowed_mentions: NO_PINGS,
  };
}

export function textMessage(content: string): ResponderMessage {
  return { content, components: [], allowed_mentions: NO_PINGS };
}

/** An ephemeral note to someone who is not the invoker. */
export function privateNote(content: string): ResponderMessage {
  return { content, flags: Flags.Ephemeral, allowed_mentions: NO_PINGS };
}

function buttons(pendingId: string, invokerId: string, confirm: string) {
  return [
    {
      type: Component.ActionRow,
      components: [
        {
          type: Component.Button,
          style: Button.Danger,
          label: confirm,
          custom_id: `admin:confirm:${pendingId}:${invokerId}`,
        },
        {
          type: Component.Button,
          style: Button.Secondary,
          label: "Cancel",
          custom_id: `admin:cancel:${pendingId}:${invokerId}`,
        },
      ],
    },
  ];
}

export function stepLine(step: PlannedStep, index: number, status = ""): string {
  return `${index + 1}. \`${step.tool}\` — ${step.effect} (${SAFETY[step.safety]})${status ? ` → ${status}` : ""}`;
}

/** A dangerous command's plan with Confirm / Cancel, only for the member who asked. */
export function confirmMessage(step: PlannedStep, pendingId: string, invokerId: string): ResponderMessage {
  return {
    content: `**Please confirm** (nothing has changed yet):\n${step.effect}\n${SAFETY[step.safety]} · only <@${invokerId}> can confirm.`,
    components: buttons(pendingId, invokerId, "Confirm"),
    allowed_mentions: NO_PINGS,
  };
}

/** The agent's plan, step by step, with Run all / Cancel. */
export function planMessage(
  intro: string,
  steps: readonly PlannedStep[],
  footer: string,
  pendingId: string,
  invokerId: string,
): ResponderMessage {
  const lines = [
    intro ? intro.slice(0, 600) : "",
    "**Plan** (nothing has changed yet):",
    ...steps.map((step, index) => stepLine(step, index)),
    footer,
  ];
  return {
    content: lines.filter(Boolean).join("\n"),
    components: buttons(pendingId, invokerId, "Run all"),
    allowed_mentions: NO_PINGS,
  };
}

/** The plan as it runs: each step's result, then the rest. */
export function progressMessage(
  steps: readonly PlannedStep[],
  results: readonly string[],
  extra = "",
): ResponderMessage {
  const lines = steps.map((step, index) => stepLine(step, index, results[index] ?? "not run"));
  return {
    content: [...lines, extra].filter(Boolean).join("\n"),
    components: [],
    allowed_mentions: NO_PINGS,
  };
}
