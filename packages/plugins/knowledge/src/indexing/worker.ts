import {
  defineWorkerPlugin,
  isPluginEnabled,
  type PluginPorts,
  rememberedMessageSink,
  syncChannels,
  type TaskContext,
} from "@megawatts/core";
import { indexJob } from "./index-job.ts";
import { manifest } from "./manifest.ts";

type Ports = Pick<PluginPorts, "knowledge" | "data" | "envelope" | "plugins" | "clock">;

/** History pages one guild may read per sync run, so one busy server cannot starve the rest. */
const PAGES_PER_GUILD = 20;

/**
 * `indexing.sync`, every few minutes: in every server where indexing is on, index what was
 * posted since the last sync in each channel `/index` finished. The text is stored sealed, as
 * `/index` stores it, on behalf of the system (user `0`, as the operators' CLI), since no member
 * asked for this run.
 */
async function syncTask(ports: Ports, { task, signal, logger }: TaskContext) {
  const { knowledge, data, envelope, plugins, clock } = ports;
  const history = knowledge.history;
  const indexing = plugins.get("indexing");
  if (!history || !indexing) return;
  const sink = rememberedMessageSink({ services: { data, envelope }, clock, requestedBy: "0" });
  const deps = { knowledge: { ...(await knowledge.deps()), sink }, history, data, clock };
  const guilds = task.guildId ? [task.guildId] : data.tenants.all();
  let failed = 0;
  for await (const guild of guilds) {
    if (signal.aborted) break;
    try {
      if (!isPluginEnabled(indexing, await plugins.state(guild))) continue;
      const result = await syncChannels(deps, { guildId: guild, signal, maxPages: PAGES_PER_GUILD });
      if (result.indexed > 0) logger.info("indexing.synced", { guildId: guild, ...result });
    } catch (error) {
      // One server's failure must not keep the others stale; the task is retried at the end.
      failed += 1;
      logger.error("indexing.sync-failed", { guildId: guild, error });
    }
  }
  if (failed > 0) throw new Error(`indexing sync failed for ${failed} server(s)`);
}

/** The worker half of the indexing plugin: `/index` backfills and the recurring sync. */
export const indexingWorker = defineWorkerPlugin({
  manifest,
  needs: ["knowledge", "data", "envelope", "plugins", "clock"],
  create: (ports) => ({
    jobs: { "indexing.index": (context) => indexJob(ports, context) },
    tasks: { "indexing.sync": (context) => syncTask(ports, context) },
  }),
});
