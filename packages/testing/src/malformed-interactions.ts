import {
  autocompleteInteraction,
  commandInteraction,
  componentInteraction,
  messageCommandInteraction,
  modalSubmitInteraction,
  pingInteraction,
} from "@megawatts/discord/simulate";
import type { RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";

type Json = Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);

function valid(definitions: readonly RESTPostAPIApplicationCommandsJSONBody[]): Json[] {
  const definition = (name: string) => {
    const found = definitions.find((command) => command.name === name);
    if (!found) throw new Error(`no command ${name}`);
    return found;
  };
  return [
    pingInteraction(),
    commandInteraction(definition("help")),
    commandInteraction(definition("status")),
    commandInteraction(definition("search"), { options: { query: "upload limit", mode: "keyword" } }),
    commandInteraction(definition("ask"), { options: { question: "how?" } }),
    commandInteraction(definition("privacy"), { path: ["settings"], options: { remember: false } }),
    autocompleteInteraction(definition("search"), { focused: "query", options: { query: "up" } }),
    messageCommandInteraction(definition("Remember"), { message: { content: "meet at nine" } }),
    componentInteraction("privacy:cancel:900000000000000000"),
    componentInteraction("knowledge:page:abc"),
    modalSubmitInteraction("selfedit:request", { fields: { request: "x" } }),
  ] as unknown as Json[];
}

const HOSTILE_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty", "prototype", "valueOf"];
const WRONG_VALUES: unknown[] = [
  null,
  0,
  -1,
  Number.POSITIVE_INFINITY,
  "",
  "x".repeat(10_000),
  [],
  {},
  true,
  "__proto__",
];

/** Every way of breaking one field of an interaction. */
function mutations(original: Json): Json[] {
  const out: Json[] = [];
  const set = (path: string[], value: unknown) => {
    const copy = clone(original);
    let node: Json = copy;
    for (const key of path.slice(0, -1)) {
      if (typeof node[key] !== "object" || node[key] === null) return;
      node = node[key] as Json;
    }
    const last = path[path.length - 1] ?? "";
    if (value === undefined) delete node[last];
    else node[last] = value;
    out.push(copy);
  };
  const paths = [
    ["id"],
    ["application_id"],
    ["token"],
    ["type"],
    ["guild_id"],
    ["channel"],
    ["channel", "id"],
    ["member"],
    ["member", "user"],
    ["member", "user", "id"],
    ["member", "permissions"],
    ["member", "roles"],
    ["app_permissions"],
    ["data"],
    ["data", "name"],
    ["data", "type"],
    ["data", "options"],
    ["data", "custom_id"],
    ["data", "values"],
    ["data", "components"],
    ["data", "target_id"],
    ["data", "resolved"],
    ["data", "resolved", "messages"],
  ];
  for (const path of paths) {
    set(path, undefined);
    for (const value of WRONG_VALUES) set(path, value);
  }
  for (const name of HOSTILE_NAMES) {
    set(["data", "name"], name);
    set(["data", "custom_id"], name);
    set(["data", "custom_id"], `knowledge:${name}`);
    set(["data", "custom_id"], `privacy:${name}:1`);
    set(["data", "custom_id"], `${name}:${name}`);
    set(["data", "target_id"], name);
    set(["data", "options"], [{ name, type: 3, value: name }]);
  }
  set(["member", "permissions"], "not-a-number");
  set(["member", "permissions"], 8);
  set(["data", "options"], [{ name: "query", type: 3, value: { nested: true } }]);
  set(["data", "options"], [{ name: "query", type: 4, value: 12 }]);
  set(
    ["data", "options"],
    [
      { name: "mode", type: 3, value: "loud" },
      { name: "query", type: 3, value: "x" },
    ],
  );
  set(["data", "options"], [{ name: "query", type: 3, value: "q".repeat(5000) }]);
  set(["data", "options"], { query: "x" });
  set(
    ["data", "options"],
    [{ name: "settings", type: 1, options: [{ name: "remember", type: 3, value: "yes" }] }],
  );
  set(["data", "options"], [{ name: "g", type: 2, options: [{ name: "s", type: 2, options: [] }] }]);
  set(["data", "custom_id"], "knowledge:page:");
  set(["data", "custom_id"], "knowledge:page:!!not-a-cursor!!");
  set(["data", "custom_id"], "privacy:erase:");
  set(["data", "resolved"], { channels: { __proto__: { id: "1" } } });
  return out;
}

/**
 * Signed-but-malformed interactions for the edge: valid interactions of every type (commands
 * from `definitions`), each broken one field at a time the ways hostile or buggy clients break
 * them (missing or wrong-typed fields, prototype member names, over-long values, bad options).
 *
 * @example
 * const corpus = malformedCorpus(createCommandRegistry(ingressPlugins).definitions); // > 500 cases
 */
export function malformedCorpus(
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
): Record<string, unknown>[] {
  return valid(definitions).flatMap(mutations);
}
