import type { Clock, Envelope, Scheduler, TenantCaches, ToolExecutor, WarmData } from "@megawatts/core";

/** Everything the moderation jobs and tasks work with, wired from the plugin's ports. */
export interface ModerationDeps {
  executor: ToolExecutor;
  data: Pick<WarmData, "documents" | "classes" | "tenants">;
  envelope: Envelope;
  clock: Clock;
  scheduler: Scheduler;
  /** The hot tier: actions waiting for their Confirm. */
  cache: TenantCaches;
}
