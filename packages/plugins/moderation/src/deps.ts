import type {
  Clock,
  DataServices,
  Envelope,
  Scheduler,
  TenantCaches,
  ToolExecutor,
  WarmData,
} from "@megawatts/core";

/** Everything the moderation jobs and tasks work with, wired from the plugin's ports. */
export interface ModerationDeps {
  executor: ToolExecutor;
  /** The warm tier; with `deps`, the cold tier too, where cases move after 180 days. */
  data: Pick<WarmData, "documents" | "classes" | "tenants"> & Partial<Pick<DataServices, "deps">>;
  envelope: Envelope;
  clock: Clock;
  scheduler: Scheduler;
  /** The hot tier: actions waiting for their Confirm. */
  cache: TenantCaches;
}

/**
 * A task's id as an audit reference: a recurring task's id holds its time
 * (`moderation.audit-sync@2026-12-07T04:50:00Z`), and audit references take only `[\w#.:-]`.
 */
export const taskReference = (taskId: string) => taskId.replace(/[^\w#.:-]/g, "_").slice(0, 160);
