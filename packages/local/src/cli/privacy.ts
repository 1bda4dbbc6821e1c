import { writeFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import {
  eraseSubjectData,
  exportSubjectData,
  plural,
  privacySources,
  type SubjectExport,
  systemClock,
} from "@megawatts/core";
import { exitWithError, UsageError, wantsHelp } from "./args.ts";
import { PRIVACY_USAGE, type PrivacyArgs, parsePrivacyArgs } from "./privacy/args.ts";
import { erasureLines, exportLines } from "./privacy/report.ts";
import { type PrivacyRuntime, privacyRuntime } from "./privacy/services.ts";

// The SDK's notice about future Node versions is not actionable for an operator tool.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const ACTOR = "system:privacy-cli";
const say = (text = "") => process.stderr.write(`${text}\n`);

async function guildsOf(runtime: PrivacyRuntime, args: PrivacyArgs): Promise<string[]> {
  if (args.guild) return [args.guild];
  const guilds: string[] = [];
  for await (const guild of runtime.services.data.tenants.all()) guilds.push(guild);
  return guilds;
}

async function confirmed(args: PrivacyArgs, guilds: string[]): Promise<boolean> {
  if (args.yes) return true;
  if (!process.stdin.isTTY)
    throw new UsageError("erase asks for confirmation: add --yes when not at a terminal");
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await prompt.question(
    `Erase user ${args.user} from ${plural(guilds.length, "guild")}? This cannot be undone. Type the user id to confirm: `,
  );
  prompt.close();
  return answer.trim() === args.user;
}

async function runExport(runtime: PrivacyRuntime, args: PrivacyArgs, guilds: string[]) {
  const deps = { ...runtime.services, clock: systemClock };
  const docs: SubjectExport[] = [];
  for (const guild of guilds) {
    const doc = await exportSubjectData(deps, await privacySources(runtime.services), {
      guild,
      user: args.user,
      actor: ACTOR,
    });
    docs.push(doc);
    for (const line of exportLines(doc)) say(line);
  }
  const json = `${JSON.stringify({ format: "megawatts.operator-export.v1", user: args.user, guilds: docs }, null, 2)}\n`;
  if (!args.out) return process.stdout.write(json);
  await writeFile(args.out, json, { mode: 0o600 });
  say(`\nwrote ${args.out} (it holds the user's data in plain text: hand it over and delete it)`);
}

async function runErase(runtime: PrivacyRuntime, args: PrivacyArgs, guilds: string[]) {
  if (!(await confirmed(args, guilds))) return say("not confirmed: nothing was erased");
  const deps = { ...runtime.services, clock: systemClock };
  for (const guild of guilds) {
    const report = await eraseSubjectData(deps, await privacySources(runtime.services), {
      guild,
      user: args.user,
      actor: ACTOR,
    });
    for (const line of erasureLines(report)) say(line);
  }
}

async function main(argv: string[]) {
  if (wantsHelp(argv, true)) return void process.stdout.write(`${PRIVACY_USAGE}\n`);
  const args = parsePrivacyArgs(argv);
  const runtime = await privacyRuntime(process.env);
  try {
    const guilds = await guildsOf(runtime, args);
    say(`${args.action} user ${args.user} in ${plural(guilds.length, "guild")}, on ${runtime.where}`);
    for (const note of runtime.notes) say(`note: ${note}`);
    say();
    if (args.action === "export") await runExport(runtime, args, guilds);
    else await runErase(runtime, args, guilds);
  } finally {
    await runtime.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => exitWithError(error));
