import type { IngressPlugin } from "@megawatts/core";
import { adminIngress } from "@megawatts/plugin-admin/ingress";
import { automodIngress } from "@megawatts/plugin-automod/ingress";
import { indexingIngress } from "@megawatts/plugin-knowledge/indexing/ingress";
import { knowledgeIngress } from "@megawatts/plugin-knowledge/ingress";
import { memoryIngress } from "@megawatts/plugin-memory/ingress";
import { moderationIngress } from "@megawatts/plugin-moderation/ingress";
import { pluginsIngress } from "@megawatts/plugin-plugins/ingress";
import { privacyIngress } from "@megawatts/plugin-privacy/ingress";
import { selfeditIngress } from "@megawatts/plugin-selfedit/ingress";
import { systemIngress } from "@megawatts/plugin-system/ingress";
import { ticketsIngress } from "@megawatts/plugin-tickets/ingress";

/** The ingress halves of the installed plugins, in `/help` order. */
export const ingressPlugins: IngressPlugin[] = [
  systemIngress,
  pluginsIngress,
  memoryIngress,
  knowledgeIngress,
  indexingIngress,
  privacyIngress,
  selfeditIngress,
  adminIngress,
  moderationIngress,
  ticketsIngress,
  automodIngress,
];
