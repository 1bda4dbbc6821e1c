// Reading self-edit records from outside the pipeline (the dashboard); creating one (tests seed a proposal).
export { recentRecords } from "./history.ts";
export { notPending } from "./not-pending.ts";
export type { RoundRecord, SelfEditRecord } from "./record.ts";
export { createRecord, loadRecord, loadRounds, requestText } from "./store.ts";
