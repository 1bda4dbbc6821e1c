import type { JobContext, JobHandler, WorkerPlugin } from "@megawatts/core";
import { type AdminNeeds, createAdminJobs } from "./jobs.ts";
import { manifest } from "./manifest.ts";
import { textMessage } from "./render.ts";

type Kind = keyof ReturnType<typeof createAdminJobs>;
const KINDS: Kind[] = ["admin.run", "admin.confirm", "admin.cancel", "admin.do"];

/** The needs of the admin jobs, from the runtime's services. */
function needsOf(context: JobContext): AdminNeeds | undefined {
  const tools = context.services.serverTools;
  if (!tools) return undefined;
  return {
    executor: tools.executor,
    pending: context.services.cache,
    ...(tools.chat ? { chat: tools.chat } : {}),
  };
}

function handler(kind: Kind): JobHandler {
  return async (context) => {
    const needs = needsOf(context);
    if (!needs)
      return context.reply(
        textMessage("Server actions are not set up in this deployment; nothing was changed."),
      );
    await createAdminJobs(needs)[kind](context);
  };
}

/** The worker half: runs the tools, keeps pending plans in the hot tier, and plans `/do` with the model. */
export const adminWorker: WorkerPlugin = {
  manifest,
  jobs: Object.fromEntries(KINDS.map((kind) => [kind, handler(kind)])),
};
