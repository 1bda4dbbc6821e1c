import { parseArgs } from "node:util";
import { manifests } from "@megawatts/catalog/manifests";
import { inviteLink } from "../permissions/invite.ts";

const USAGE = `Usage: npm run invite -- [--application-id <id>]

Prints the link that adds the bot to a server with the permissions the installed plugins
declare, and which plugin needs each. The application id defaults to DISCORD_APPLICATION_ID.`;

function main(argv: string[]): number {
  let values: { "application-id"?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { "application-id": { type: "string" }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 64;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const id = values["application-id"] ?? process.env.DISCORD_APPLICATION_ID ?? "";
  if (!/^\d{17,20}$/.test(id)) {
    console.error(`Give the application id (General Information in the Developer Portal).\n\n${USAGE}`);
    return 64;
  }
  const invite = inviteLink(id, manifests);
  console.log(invite.url);
  console.log("");
  for (const permission of invite.permissions)
    console.log(`  ${permission.label.padEnd(22)} ${permission.plugins.join(", ")}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
