import { ingressPlugins } from "@megawatts/catalog/ingress";
import { CommandType, createCommandRegistry } from "@megawatts/core";
import {
  autocompleteInteraction,
  commandInteraction,
  componentInteraction,
  messageCommandInteraction,
  type OptionInput,
  pingInteraction,
  type Scene,
} from "@megawatts/discord/simulate";
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
/** What a clicked message showed; Discord sends it with every component interaction. */
export type ComponentMessage = NonNullable<Parameters<typeof componentInteraction>[1]>["message"];

const OUTPUT_FLAGS = new Set(["raw", "url", "values", "save", "wait", "trace"]);

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

/** A message command on a made-up message: `--message <text> [--author <id>] [--attachments a,b]`. */
function targetMessage(
  definition: RESTPostAPIApplicationCommandsJSONBody,
  options: OptionInput,
  scene: Scene,
): APIInteraction {
  const { message, author, attachments, ...unknown } = options;
  const extra = Object.keys(unknown);
  if (extra.length > 0) throw new UsageError(`"${definition.name}" takes no --${extra[0]}`);
  if (message === undefined)
    throw new UsageError(`"${definition.name}" acts on a message: add --message "<its text>"`);
  if (author !== undefined && !/^\d{17,20}$/.test(String(author)))
    throw new UsageError(`--author needs a snowflake id, got "${author}"`);
  const names = attachments === undefined ? [] : String(attachments).split(",").filter(Boolean);
  const target = {
    content: String(message),
    attachments: names,
    ...(author ? { authorId: String(author) } : {}),
  };
  return messageCommandInteraction(definition, { message: target, scene });
}

/**
 * The interaction a simulator command line stands for, options typed by the installed
 * plugins' command definitions.
 *
 * @example
 * buildInteraction(parseSimulatorArgs(["status", "--admin"]), "1100000000000000001");
 * // A member of the sink's server, with its roles and real permissions:
 * buildInteraction(args, applicationId, memberScene(guild, userId, channelId));
 */
export function buildInteraction(
  args: SimulatorArgs,
  applicationId: string,
  member: Partial<Scene> = {},
  /** For `component`: the message the button was on, as the bot sent it. */
  message?: ComponentMessage,
): APIInteraction {
  const base = (definition?: RESTPostAPIApplicationCommandsJSONBody) => {
    const { scene, ...rest } = split(args, definition);
    return { scene: { ...member, ...scene, applicationId }, ...rest };
  };
  switch (args.action) {
    case "ping-raw":
      return pingInteraction({ applicationId });
    case "component": {
      const [customId] = args.positionals;
      if (!customId)
        throw new UsageError(
          "component needs the custom id of a button the bot showed, e.g. npm run discord -- component knowledge:page:<cursor>",
        );
      const values = args.options.find(([name]) => name === "values")?.[1];
      const { scene } = base();
      return componentInteraction(customId, {
        scene,
        ...(values ? { values: values.split(",") } : {}),
        ...(message ? { message } : {}),
      });
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
      if (definition.type === CommandType.Message) return targetMessage(definition, options, scene);
      return commandInteraction(definition, { path: args.positionals, options, scene });
    }
  }
}
