import { commandOptions, type IngressPlugin, type Reply, toolActor, VisibleError } from "@megawatts/core";
import type { APIChatInputApplicationCommandInteractionData, APIInteraction } from "discord-api-types/v10";
import { manifest } from "./manifest.ts";
import type { TicketPayload } from "./payloads.ts";

const SUBCOMMANDS = new Set(["setup", "panel", "close", "transcript"]);

function payloadOf(interaction: APIInteraction, options: TicketPayload["options"]): TicketPayload {
  const member = interaction.member;
  if (!member) throw new VisibleError("Tickets work only inside a server.");
  return {
    actor: toolActor(interaction),
    permissions: member.permissions,
    username: member.user.username,
    options,
  };
}

// A close reason is what a member wrote: it travels sealed for them. The rest are ids and options.
const defer = (kind: string, payload: TicketPayload): Reply => ({
  type: "defer",
  ephemeral: true,
  job: { kind, payload, ...(kind === "tickets.close" ? { sealFor: payload.actor.userId } : {}) },
});

/** The ingress half: every subcommand and the Open ticket button defer to the worker, privately. */
export const ticketsIngress: IngressPlugin = {
  manifest,
  commands: {
    ticket: {
      run: ({ interaction }) => {
        const { path, values } = commandOptions(
          interaction.data as APIChatInputApplicationCommandInteractionData,
        );
        const [name = ""] = path;
        if (!SUBCOMMANDS.has(name)) throw new VisibleError("Use /ticket setup, panel, close or transcript.");
        return defer(`tickets.${name}`, payloadOf(interaction, values));
      },
    },
  },
  components: {
    open: { run: ({ interaction }) => defer("tickets.open", payloadOf(interaction, {})) },
  },
};
