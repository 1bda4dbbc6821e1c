import { createHttpHandler } from "@megawatts/lambda/http";
import { endpoint, metrics } from "../wiring/ingress.ts";

/** `POST /interactions`: verify, answer or defer inside Discord's 3-second window. */
export const handler = createHttpHandler(endpoint, () => metrics.publishStoredMetrics());
