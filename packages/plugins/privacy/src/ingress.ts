import { Button, Component, type IngressPlugin, OptionType, type Reply, VisibleError } from "@megawatts/core";
import type {
  APIApplicationCommandInteraction,
  APIApplicationCommandInteractionDataOption,
  APIInteraction,
} from "discord-api-types/v10";
import { manifest } from "./manifest.ts";

/** What erasure does, shown before the member confirms. */
export const ERASE_WARNING = [
  "**Erase everything I hold about you in this server?**",
  "Remembered messages (also in cold storage and archives, by destroying your encryption key), your profile, your support tickets and their transcripts, and cached conversations go for good.",
  "If you opted out of being remembered, I keep only that choice, so I keep honouring it.",
  "The audit log keeps records of ids only (no content), including one of this erasure.",
].join("\n");

const callerOf = (interaction: APIInteraction) => interaction.member?.user.id ?? interaction.user?.id ?? "";

function subcommand(interaction: APIApplicationCommandInteraction) {
  const options = "options" in interaction.data ? (interaction.data.options ?? []) : [];
  const [first] = options as APIApplicationCommandInteractionDataOption[];
  if (first?.type !== OptionType.Subcommand)
    throw new VisibleError("Use /privacy export, delete or settings.");
  const remember = first.options?.find((option) => option.name === "remember");
  return { name: first.name, remember: remember?.type === OptionType.Boolean ? remember.value : undefined };
}

function confirmation(user: string): Reply {
  const button = (action: string, label: string, style: typeof Button.Danger | typeof Button.Secondary) => ({
    type: Component.Button,
    custom_id: `privacy:${action}:${user}`,
    label,
    style,
  });
  const row = {
    type: Component.ActionRow,
    components: [button("erase", "Delete", Button.Danger), button("cancel", "Cancel", Button.Secondary)],
  };
  return { type: "message", ephemeral: true, message: { content: ERASE_WARNING, components: [row] } };
}

const notYours: Reply = {
  type: "message",
  ephemeral: true,
  message: { content: "Only the member who asked can confirm or cancel this." },
};

/**
 * The ingress half of the privacy plugin: export and settings defer (ephemeral); delete asks
 * for confirmation inline, with buttons that carry the caller and work only for them.
 */
export const privacyIngress: IngressPlugin = {
  manifest,
  commands: {
    privacy: {
      run: ({ interaction }) => {
        if (!interaction.guild_id) throw new VisibleError("/privacy works inside a server.");
        const { name, remember } = subcommand(interaction);
        if (name === "delete") return confirmation(callerOf(interaction));
        if (name === "export") return { type: "defer", ephemeral: true, job: { kind: "privacy.export" } };
        const payload = remember === undefined ? {} : { remember };
        return { type: "defer", ephemeral: true, job: { kind: "privacy.settings", payload } };
      },
    },
  },
  components: {
    erase: {
      run: ({ interaction, args }) =>
        args[0] === callerOf(interaction) ? { type: "defer", job: { kind: "privacy.erase" } } : notYours,
    },
    cancel: {
      run: ({ interaction, args }) =>
        args[0] === callerOf(interaction)
          ? { type: "update", message: { content: "Cancelled: nothing was erased.", components: [] } }
          : notYours,
    },
  },
};
