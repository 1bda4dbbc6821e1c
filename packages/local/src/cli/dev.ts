import { superviseDev } from "./dev/supervisor.ts";

// EMF metric lines only matter in CloudWatch; set POWERTOOLS_METRICS_DISABLED=false to see them.
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
// The SDK's notice about future Node versions is not actionable while developing locally.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

superviseDev().catch((error: unknown) => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`\n  megawatts could not start.\n  ${message.replaceAll("\n", "\n  ")}\n\n`);
  process.exit(1);
});
