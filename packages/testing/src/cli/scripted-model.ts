// `npm run model:scripted -- [--script <answers.json>]`: an OpenAI-compatible server that answers
// chat requests from a script, in order and round again, so `/do` can be tried without a model.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type ChatAnswer, startOpenAiTestServer } from "../openai-server.ts";

const USAGE = `Usage: npm run model:scripted -- [--script <answers.json>]

Serves the OpenAI chat API on loopback and answers each request with the next entry of the
script: a string is a text answer; {"toolCalls":[{"name":"...","arguments":"{...}"}]} asks for
tool calls. The default script plans locking #announcements and a slowmode in #general.
Start the bot with the printed OPENAI_BASE_URL and OPENAI_API_KEY, then run /do.`;

const DEFAULT_SCRIPT = fileURLToPath(
  new URL("../../fixtures/do-scripts/lock-announcements.json", import.meta.url),
);

async function main() {
  let values: { script?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ options: { script: { type: "string" }, help: { type: "boolean" } } }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    process.exit(64);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const path = values.script ?? DEFAULT_SCRIPT;
  const script = JSON.parse(await readFile(path, "utf8")) as ChatAnswer[];
  if (!Array.isArray(script) || script.length === 0) {
    process.stderr.write(`${path} must hold a JSON array of answers\n`);
    process.exit(64);
  }
  let next = 0;
  const server = await startOpenAiTestServer({ chat: () => script[next++ % script.length] as ChatAnswer });
  process.stdout.write(
    `Scripted model (${script.length} answers from ${path}) at ${server.baseURL}\n\n` +
      `  OPENAI_BASE_URL=${server.baseURL} OPENAI_API_KEY=${server.apiKey} npm run dev\n\nCtrl-C stops it.\n`,
  );
}

await main();
