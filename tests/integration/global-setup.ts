import { ensureDashboardBuilt } from "@megawatts/dashboard/build";
import { type StandInEndpoints, startStandIns } from "@megawatts/local";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Endpoints of the stand-in servers every integration test shares. */
    standIns: StandInEndpoints;
  }
}

/**
 * Starts DynamoDB Local (in memory), fauxqs and s3rver (in a temporary directory) once for
 * the whole run, and builds the dashboard's app; tests `inject("standIns")` and keep apart by
 * resource-name prefix.
 */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  // Built once here, so bots starting in parallel test files find it fresh.
  const [standIns] = await Promise.all([startStandIns(), ensureDashboardBuilt()]);
  project.provide("standIns", standIns.endpoints);
  return async () => {
    await standIns.close();
  };
}
