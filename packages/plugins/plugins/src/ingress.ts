import type { AutocompleteContext, CommandContext, IngressPlugin, Reply } from "@megawatts/core";
import { OptionType, VisibleError } from "@megawatts/core";
import { missingPermissions } from "@megawatts/discord/permissions";
import type { APIApplicationCommandInteractionDataOption } from "discord-api-types/v10";
import { manifest } from "./manifest.ts";
import type { PluginsPayload } from "./payloads.ts";

const MANAGED = new Set(["enable", "disable", "history", "rollback"]);

function subcommand(interaction: CommandContext["interaction"] | AutocompleteContext["interaction"]) {
  const options = ("options" in interaction.data ? interaction.data.options : undefined) ?? [];
  const [first] = options as APIApplicationCommandInteractionDataOption[];
  if (first?.type !== OptionType.Subcommand) return { name: "list", values: new Map<string, unknown>() };
  const values = new Map(
    (first.options ?? []).map((option) => [option.name, "value" in option ? option.value : undefined]),
  );
  return { name: first.name, values };
}

function run({ interaction }: CommandContext): Reply {
  if (!interaction.guild_id) throw new VisibleError("/plugins works inside a server.");
  const { name, values } = subcommand(interaction);
  // `default_member_permissions` only hides a command, and servers can change it: check here.
  if (MANAGED.has(name) && missingPermissions(["ManageGuild"], interaction.member?.permissions).length > 0)
    throw new VisibleError(`/plugins ${name} needs the Manage Server permission.`);
  const plugin = values.get("plugin");
  const change = values.get("change");
  const payload: PluginsPayload = {
    action: name as PluginsPayload["action"],
    ...(typeof plugin === "string" ? { plugin: plugin.trim().toLowerCase() } : {}),
    ...(typeof change === "number" ? { change } : {}),
  };
  return {
    type: "defer",
    ephemeral: true,
    job: { kind: "plugins.manage", payload },
    changesPluginState: MANAGED.has(name) && name !== "history",
  };
}

/** The ingress half of `/plugins`: checks who may change plugins, defers the rest; names autocomplete inline. */
export const pluginsIngress: IngressPlugin = {
  manifest,
  commands: {
    plugins: {
      run,
      autocomplete: ({ interaction, plugins }) => {
        const typed = String(subcommand(interaction).values.get("plugin") ?? "").toLowerCase();
        const choices = plugins
          .filter((plugin) => plugin.id.includes(typed))
          .slice(0, 25)
          .map((plugin) => ({
            name: `${plugin.id} — ${plugin.description}`.slice(0, 100),
            value: plugin.id,
          }));
        return { choices };
      },
    },
  },
};
