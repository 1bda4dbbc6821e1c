import { checkDependencies, type WorkerPlugin } from "@megawatts/core";
import { manifest } from "./manifest.ts";
import { renderStatusTable } from "./status-table.ts";

/** The worker half of the system plugin: probes every dependency for `/status`. */
export const systemWorker: WorkerPlugin = {
  manifest,
  jobs: {
    "system.status": async ({ services, reply }) => {
      const statuses = await checkDependencies(services.healthChecks, { timeoutMs: 2_000, slowMs: 500 });
      await reply({ content: renderStatusTable(statuses), allowed_mentions: { parse: [] } });
    },
  },
};
