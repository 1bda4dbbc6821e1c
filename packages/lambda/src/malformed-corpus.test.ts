import { ingressPlugins } from "@megawatts/catalog/ingress";
import { createCommandRegistry } from "@megawatts/core";
import {
  autocompleteInteraction,
  commandInteraction,
  componentInteraction,
  createSigner,
  messageCommandInteraction,
  modalSubmitInteraction,
  pingInteraction,
} from "@megawatts/testing";
import { RecordingLogger, RecordingMetrics, RecordingQueue } from "@megawatts/testing/fakes";
import { describe, expect, it } from "vitest";
import { composeIngress } from "./compose-ingress.ts";

// A corpus of signed but malformed interactions: valid ones of every type, then broken one
// field at a time in the ways hostile or buggy clients break them.

const registry = createCommandRegistry(ingressPlugins);
const definition = (name: string) => {
  const found = registry.definitions.find((command) => command.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
};

type Json = Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);

function valid(): Json[] {
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

function ingress() {
  const signer = createSigner();
  const logger = new RecordingLogger();
  const queue = new RecordingQueue();
  const endpoint = composeIngress({
    publicKey: signer.publicKey,
    queue,
    queues: { selfedit: queue },
    logger,
    metrics: new RecordingMetrics(),
  });
  const post = (interaction: unknown) => {
    const body = Buffer.from(JSON.stringify(interaction));
    return endpoint({ method: "POST", path: "/interactions", headers: signer.headers(body), body });
  };
  return { post, logger };
}

describe("the ingress under a malformed-interaction corpus", () => {
  const corpus = valid().flatMap(mutations);

  it("holds a corpus of several hundred cases", () => {
    expect(corpus.length).toBeGreaterThan(500);
  });

  it("answers every case with a 4xx or a well-formed reply, never an unhandled exception or a generic failure", async () => {
    const { post, logger } = ingress();
    const statuses = new Map<number, number>();
    const generic: string[] = [];

    for (const interaction of corpus) {
      const response = await post(interaction);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      expect(response.statusCode === 200 || (response.statusCode >= 400 && response.statusCode < 500)).toBe(
        true,
      );
      if (response.statusCode === 200 && response.body.includes("Something went wrong"))
        generic.push(JSON.stringify(interaction).slice(0, 200));
    }

    expect(generic).toEqual([]);
    expect(logger.lines.filter((line) => line.level === "error")).toEqual([]);
    expect(statuses.get(400)).toBeGreaterThan(300);
  });

  it("answers a 400 that names the malformed field", async () => {
    const { post } = ingress();
    const interaction = componentInteraction("privacy:cancel:1") as unknown as Json;
    (interaction.data as Json).custom_id = 42;

    const response = await post(interaction);

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).error).toMatch(/^malformed interaction: data\.custom_id: /);
  });

  it("answers a component id naming an object-prototype member as unknown, not through the prototype", async () => {
    const { post } = ingress();

    const response = await post(componentInteraction("privacy:constructor:1"));

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).data.content).toMatch(/^I don't know that component\./);
  });
});
