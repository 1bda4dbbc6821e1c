import { wantsHelp } from "./args.ts";
import { superviseDev } from "./dev/supervisor.ts";

// EMF metric lines only matter in CloudWatch; set POWERTOOLS_METRICS_DISABLED=false to see them.
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
// The SDK's notice about future Node versions is not actionable while developing locally.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const DEV_USAGE = `Usage: npm run dev

Starts the whole bot on local stand-ins (DynamoDB Local, SQS, S3, KMS, Redis when installed,
a Discord REST sink) and serves interactions at http://127.0.0.1:$PORT/interactions.

Environment: PORT (default 8787), MEGAWATTS_DATA_DIR (default .data), and the variables the
README lists (DISCORD_*, OPENAI_*, PINECONE_*, UPSTASH_*). Ctrl-C stops everything.`;

const argv = process.argv.slice(2);
if (wantsHelp(argv, true)) {
  process.stdout.write(`${DEV_USAGE}\n`);
} else if (argv.length > 0) {
  process.stderr.write(`npm run dev takes no arguments (got "${argv[0]}")\n\n${DEV_USAGE}\n`);
  process.exitCode = 64;
} else {
  superviseDev().catch((error: unknown) => {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`\n  megawatts could not start.\n  ${message.replaceAll("\n", "\n  ")}\n\n`);
    process.exit(1);
  });
}
