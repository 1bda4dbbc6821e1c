// `npm run knowledge -- ingest|search …`: the knowledge pipeline on the local data, for operators.
import { exitWithError, wantsHelp } from "./args.ts";
import { KNOWLEDGE_USAGE, parseKnowledgeArgs } from "./knowledge/args.ts";
import { type Io, runIngest, runSearch } from "./knowledge/commands.ts";
import { knowledgeRuntime } from "./knowledge/runtime.ts";

// The SDK's notice about future Node versions is not actionable for an operator tool.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const io: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

async function main(argv: string[]) {
  if (wantsHelp(argv, true)) return io.out(KNOWLEDGE_USAGE);
  const args = parseKnowledgeArgs(argv);
  const by = args.action === "ingest" ? args.by : undefined;
  const runtime = await knowledgeRuntime(process.env, by ? { requestedBy: by } : {});
  try {
    io.err(`${args.action} in guild ${args.guild}, on ${runtime.where}`);
    if (args.action === "ingest") await runIngest(runtime.deps, args, io);
    else await runSearch(runtime.deps, args, io);
  } finally {
    await runtime.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => exitWithError(error));
