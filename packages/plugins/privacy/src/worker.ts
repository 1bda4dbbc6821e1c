import {
  defineWorkerPlugin,
  eraseSubjectData,
  exportSubjectData,
  type JobContext,
  privacySources,
  rememberPreference,
  setRememberPreference,
  VisibleError,
} from "@megawatts/core";
import { z } from "zod";
import { manifest } from "./manifest.ts";
import { erasureReply, exportFile, exportReply } from "./replies.ts";

const SettingsPayloadSchema = z.object({ remember: z.boolean().optional() });

function subjectOf({ job }: JobContext) {
  const guild = job.interaction.guildId;
  if (!guild) throw new VisibleError("/privacy works inside a server.");
  const user = job.interaction.userId;
  return { guild, user, actor: `user:${user}`, reference: job.id };
}

/** The worker half of the privacy plugin: export, erasure and the remember setting. */
export const privacyWorker = defineWorkerPlugin({
  manifest,
  needs: ["data", "envelope", "subjectKeys", "cache", "knowledge", "clock"],
  create: (ports) => {
    const { data, clock } = ports;
    return {
      jobs: {
        "privacy.export": async (context) => {
          const doc = await exportSubjectData(
            { data, clock },
            await privacySources(ports),
            subjectOf(context),
          );
          // The document exists only in this message: no tier, cache or log ever holds it.
          await context.reply({
            content: exportReply(doc),
            files: [exportFile(doc)],
            allowed_mentions: { parse: [] },
          });
        },
        "privacy.erase": async (context) => {
          const report = await eraseSubjectData(
            { data, clock },
            await privacySources(ports),
            subjectOf(context),
          );
          const { remember } = await rememberPreference(data.documents, report.guild, report.user);
          await context.reply({
            content: erasureReply(report, remember),
            components: [],
            allowed_mentions: { parse: [] },
          });
        },
        "privacy.settings": async (context) => {
          const { guild, user, actor } = subjectOf(context);
          const { remember } = SettingsPayloadSchema.parse(context.payload ?? {});
          const now =
            remember === undefined
              ? await rememberPreference(data.documents, guild, user)
              : await setRememberPreference({ data, clock }, { guild, user, remember, actor });
          const state = now.remember
            ? "✅ I may remember your messages here when someone uses **Apps → Remember** on them."
            : "🚫 I do not remember your messages here: **Apps → Remember** on them is refused.";
          const change = now.remember
            ? "/privacy settings remember:false"
            : "/privacy settings remember:true";
          await context.reply({ content: `${state}\nChange it with \`${change}\`.` });
        },
      },
    };
  },
});
