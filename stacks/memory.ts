import type { FunctionName } from "../packages/runtime/src/links.ts";

/**
 * Each function's memory in MB, chosen from its measured cold start and cost at each size
 * (`npm run bench -- memory`; docs/deploy.md, "Memory sizes"). Lambda gives a function CPU in
 * proportion to its memory, a whole vCPU at 1,769 MB.
 */
export const FUNCTION_MEMORY_MB = {
  ingress: 1024,
  jobsWorker: 1024,
  tasksWorker: 1024,
  selfEditWorker: 2048,
  githubWebhook: 256,
  alarmNotifier: 256,
  dashboardApi: 1024,
} as const satisfies Record<FunctionName, number>;

/** A function's memory as SST's `memory` argument takes it. */
export function memoryOf(name: FunctionName): `${number} MB` {
  return `${FUNCTION_MEMORY_MB[name]} MB`;
}
