import { defineWorkerPlugin, type JobContext, VisibleError } from "@megawatts/core";
import { manifest } from "./manifest.ts";
import { StatusPayloadSchema } from "./payloads.ts";
import { recentRecords, statsOf } from "./records/history.ts";
import { loadRecord, loadRounds, requestText } from "./records/store.ts";
import { historyMessage, statusMessage } from "./render/history.ts";

function guildOf({ job }: JobContext): string {
  const guild = job.interaction.guildId;
  if (!guild) throw new VisibleError("Self-editing works inside a server.");
  return guild;
}

/**
 * The light worker half of self-editing, run by the jobs worker: `/improve status` and
 * `/improve history` only read the records. The pipeline (model, validation, pull requests)
 * runs on the self-edit queue's own worker (`@megawatts/plugin-selfedit/pipeline`).
 */
export const selfeditWorker = defineWorkerPlugin({
  manifest,
  needs: ["warm", "envelope", "clock"],
  create: ({ warm, envelope, clock }) => {
    const deps = { data: warm, envelope, clock };
    return {
      jobs: {
        "selfedit.status": async (context) => {
          const guild = guildOf(context);
          const { requestId } = StatusPayloadSchema.parse(context.payload ?? {});
          const id = requestId ?? (await recentRecords(deps, guild, 1))[0]?.requestId;
          const record = id ? await loadRecord(deps, guild, id) : undefined;
          if (!record || !id)
            throw new VisibleError(
              id ? `No self-edit \`${id}\` in this server.` : "No self-edit requests here yet.",
            );
          const [text, rounds] = await Promise.all([
            requestText(deps, guild, id),
            loadRounds(deps, guild, id),
          ]);
          await context.reply(statusMessage(record, text, rounds));
        },
        "selfedit.history": async (context) => {
          const guild = guildOf(context);
          const all = await recentRecords(deps, guild, 500);
          await context.reply(historyMessage(all.slice(0, 15), statsOf(all)));
        },
      },
    };
  },
});
