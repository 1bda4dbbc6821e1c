// Reading self-edit records from outside the pipeline (the dashboard).
export { recentRecords } from "./history.ts";
export { notPending } from "./not-pending.ts";
export type { RoundRecord, SelfEditRecord } from "./record.ts";
export { loadRecord, loadRounds, requestText } from "./store.ts";
