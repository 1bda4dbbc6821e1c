import { Button, Component, type Refusal, type ResponderMessage } from "@megawatts/core";

const NO_PINGS = { parse: [] as [] };

export function text(content: string): ResponderMessage {
  return { content, components: [], allowed_mentions: NO_PINGS };
}

/** A refusal in plain sentences: what stopped it and what would fix it. */
export function refusalText(refusal: Refusal): ResponderMessage {
  return text(`✋ ${refusal.message}\n${refusal.fix}`);
}

/** The public panel: one button anyone in the channel may press. */
export function panelMessage(): ResponderMessage {
  return {
    content:
      "**Need help from the staff?** Press the button to open a private ticket: only you and the staff will see it.",
    components: [
      {
        type: Component.ActionRow,
        components: [
          { type: Component.Button, style: Button.Primary, label: "Open ticket", custom_id: "tickets:open" },
        ],
      },
    ],
    allowed_mentions: NO_PINGS,
  };
}
