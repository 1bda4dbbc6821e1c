import {
  eraseSubjectData,
  exportSubjectData,
  type JobContext,
  privacySources,
  rememberPreference,
  setRememberPreference,
  systemClock,
  VisibleError,
  type WorkerPlugin,
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
export const privacyWorker: WorkerPlugin = {
  manifest,
  jobs: {
    "privacy.export": async (context) => {
      const { services, reply } = context;
      const deps = { ...services, clock: systemClock };
      const doc = await exportSubjectData(deps, await privacySources(services), subjectOf(context));
      // The document exists only in this message: no tier, cache or log ever holds it.
      await reply({ content: exportReply(doc), files: [exportFile(doc)], allowed_mentions: { parse: [] } });
    },
    "privacy.erase": async (context) => {
      const { services, reply } = context;
      const deps = { ...services, clock: systemClock };
      const report = await eraseSubjectData(deps, await privacySources(services), subjectOf(context));
      const { remember } = await rememberPreference(services.data.documents, report.guild, report.user);
      await reply({
        content: erasureReply(report, remember),
        components: [],
        allowed_mentions: { parse: [] },
      });
    },
    "privacy.settings": async (context) => {
      const { services, payload, reply } = context;
      const { guild, user, actor } = subjectOf(context);
      const { remember } = SettingsPayloadSchema.parse(payload ?? {});
      const now =
        remember === undefined
          ? await rememberPreference(services.data.documents, guild, user)
          : await setRememberPreference(
              { ...services, clock: systemClock },
              { guild, user, remember, actor },
            );
      const state = now.remember
        ? "✅ I may remember your messages here when someone uses **Apps → Remember** on them."
        : "🚫 I do not remember your messages here: **Apps → Remember** on them is refused.";
      const change = now.remember ? "/privacy settings remember:false" : "/privacy settings remember:true";
      await reply({ content: `${state}\nChange it with \`${change}\`.` });
    },
  },
};
