import type { IngressPlugin } from "@megawatts/core";
import { systemIngress } from "@megawatts/plugin-system/ingress";

/** The ingress halves of the installed plugins, in `/help` order. */
export const ingressPlugins: IngressPlugin[] = [systemIngress];
