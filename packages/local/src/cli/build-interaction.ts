import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import {
  autocompleteInteraction,
  commandInteraction,
  componentInteraction,
  type OptionInput,
  pingInteraction,
  type Scene,
} from "@megawatts/testing";
import type { APIInteraction, RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import { type SimulatorArgs, UsageError } from "./args.ts";

const SCENE_FLAGS: Record<string, keyof Scene> = {
  guild: "guildId",
  "in-guild": "guildId",
  channel: "channelId",
  "in-channel": "channelId",
  user: "userId",
  "as-user": "userId",
};
const OUTPUT_FLAGS = new Set(["raw", "url", "values"]);

function declaredNames(definition: RESTPostAPIApplicationCommandsJSONBody | undefined): Set<string> {
  const names = new Set<string>();
  const walk = (options: readonly { name: string; options?: unknown }[] | undefined) => {
    for (const option of options ?? []) {
      names.add(option.name);
      walk(option.options as { name: string }[] | undefined);
    }
  };
  walk(definition && "options" in definition ? definition.options : undefined);
  return names;
}

/** Splits flags into the scene (guild, channel, user, admin) and the command's own options. */
function split(args: SimulatorArgs, definition: RESTPostAPIApplicationCommandsJSONBody | undefined) {
  const declared = declaredNames(definition);
  const scene: Scene = {};
  const options: OptionInput = {};
  let focused: string | undefined;
  for (const [name, value] of args.options) {
    const sceneKey = SCENE_FLAGS[name];
    if (declared.has(name) || (!sceneKey && name !== "admin" && !OUTPUT_FLAGS.has(name))) {
      options[name] = value;
      focused = name;
    } else if (sceneKey) {
      if (!/^\d{17,20}$/.test(value)) throw new UsageError(`--${name} needs a snowflake id, got "${value}"`);
      scene[sceneKey as "guildId"] = value;
    } else if (name === "admin") scene.admin = value !== "false";
  }
  return { scene, options, focused };
}

function findCommand(name: string | undefined) {
  const { definitions } = createCommandRegistry(ingressPlugins);
  const definition = definitions.find((candidate) => candidate.name === name);
  if (!definition) {
    const known = definitions.map((candidate) => candidate.name).join(", ");
    throw new UsageError(
      name ? `unknown command "${name}" (known: ${known})` : `name a command (known: ${known})`,
    );
  }
  return definition;
}

/**
 * The interaction a simulator command line stands for, options typed by the installed
 * plugins' command definitions.
 *
 * @example
 * buildInteraction(parseSimulatorArgs(["status", "--admin"]), "1100000000000000001");
 */
export function buildInteraction(args: SimulatorArgs, applicationId: string): APIInteraction {
  const base = (definition?: RESTPostAPIApplicationCommandsJSONBody) => {
    const { scene, ...rest } = split(args, definition);
    return { scene: { ...scene, applicationId }, ...rest };
  };
  switch (args.action) {
    case "ping-raw":
      return pingInteraction({ applicationId });
    case "component": {
      const [customId] = args.positionals;
      if (!customId)
        throw new UsageError("component needs a custom id: npm run discord -- component system:page:2");
      const values = args.options.find(([name]) => name === "values")?.[1];
      const { scene } = base();
      return componentInteraction(customId, { scene, ...(values ? { values: values.split(",") } : {}) });
    }
    case "autocomplete": {
      const [name, ...path] = args.positionals;
      const definition = findCommand(name);
      const { scene, options, focused } = base(definition);
      if (!focused)
        throw new UsageError("autocomplete needs the option being typed: --<option> <text so far>");
      return autocompleteInteraction(definition, { focused, path, options, scene });
    }
    default: {
      const definition = findCommand(args.action || undefined);
      const { scene, options } = base(definition);
      return commandInteraction(definition, { path: args.positionals, options, scene });
    }
  }
}
