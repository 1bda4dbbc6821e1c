import type { PluginManifest, RecurringSchedule } from "@megawatts/core";
import { manifest as admin } from "@megawatts/plugin-admin/manifest";
import { manifest as automod } from "@megawatts/plugin-automod/manifest";
import { manifest as indexing } from "@megawatts/plugin-knowledge/indexing/manifest";
import { manifest as knowledge } from "@megawatts/plugin-knowledge/manifest";
import { manifest as memory } from "@megawatts/plugin-memory/manifest";
import { manifest as moderation } from "@megawatts/plugin-moderation/manifest";
import { manifest as plugins } from "@megawatts/plugin-plugins/manifest";
import { manifest as privacy } from "@megawatts/plugin-privacy/manifest";
import { manifest as selfedit } from "@megawatts/plugin-selfedit/manifest";
import { manifest as system } from "@megawatts/plugin-system/manifest";
import { manifest as tickets } from "@megawatts/plugin-tickets/manifest";

/** The installed plugins' manifests alone (no handlers): for the infrastructure, the CLIs and the invite link. */
export const manifests: readonly PluginManifest[] = [
  system,
  plugins,
  memory,
  knowledge,
  indexing,
  privacy,
  selfedit,
  admin,
  moderation,
  tickets,
  automod,
];

/** Every recurring task the installed plugins declare, for `stacks/` and the local scheduler. */
export const recurringSchedules: readonly RecurringSchedule[] = manifests.flatMap(
  (manifest) => manifest.schedules ?? [],
);
