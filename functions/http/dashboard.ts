import { composeLambdaDashboardApi } from "@megawatts/runtime/dashboard-api";
import { dashboardResources } from "../linked/dashboard.ts";

/** `/api/*`: the dashboard's JSON API behind Discord login. */
export const handler = composeLambdaDashboardApi(dashboardResources());
