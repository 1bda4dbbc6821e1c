import { commandOptions, type IngressPlugin, type Reply, toolActor } from "@megawatts/core";
import type { APIChatInputApplicationCommandInteractionData, APIInteraction } from "discord-api-types/v10";
import { manifest } from "./manifest.ts";
import type { AutomodPayload, RemovePayload } from "./payloads.ts";

const callerOf = (interaction: APIInteraction) => interaction.member?.user.id ?? interaction.user?.id ?? "";
const privately = (content: string): Reply => ({
  type: "message",
  ephemeral: true,
  message: { content, allowed_mentions: { parse: [] } },
});
const notYours = (invoker: string) =>
  privately(`Only <@${invoker}>, who asked for this, can confirm or cancel it.`);

/**
 * The ingress half: every subcommand defers to the worker; Confirm and Cancel on a removal work
 * only for the member who asked (the worker checks their permissions again before deleting).
 */
export const automodIngress: IngressPlugin = {
  manifest,
  commands: {
    automod: {
      run: ({ interaction }) => {
        const { path, values } = commandOptions(
          interaction.data as APIChatInputApplicationCommandInteractionData,
        );
        const payload: AutomodPayload = { actor: toolActor(interaction), path, options: values };
        // Words, patterns and messages are the tool's arguments: sealed for the member who asked.
        return {
          type: "defer",
          ephemeral: true,
          job: { kind: "automod.run", payload, sealFor: payload.actor.userId },
        };
      },
    },
  },
  components: {
    confirm: {
      run: ({ interaction, args }) => {
        const [ruleId = "", invoker = ""] = args;
        if (callerOf(interaction) !== invoker) return notYours(invoker);
        const payload: RemovePayload = { actor: toolActor(interaction), ruleId };
        return { type: "defer", job: { kind: "automod.remove", payload } };
      },
    },
    cancel: {
      run: ({ interaction, args }) => {
        const [invoker = ""] = args;
        if (callerOf(interaction) !== invoker) return notYours(invoker);
        return { type: "update", message: { content: "Cancelled; no rule was removed.", components: [] } };
      },
    },
  },
};
