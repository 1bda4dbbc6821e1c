import type { DataClass } from "./data-class.ts";

const bookkeeping = {
  personal: false,
  sensitiveFields: [],
  tiers: ["warm"],
  version: 1,
  system: true,
} as const;

/** The data layer's own items: tenant registry, leases and the cold-tier index. */
export const SYSTEM_CLASSES: readonly DataClass[] = [
  {
    ...bookkeeping,
    id: "tenant",
    description: "one item per guild that has stored data; tier jobs walk this list",
    partition: "registry",
    skPrefix: "G#",
    keyDesign: { pk: "TENANTS", sk: "G#<guild>" },
  },
  {
    ...bookkeeping,
    id: "lease",
    description: "a short lease so one tier job at a time works on a guild",
    partition: "tenant",
    skPrefix: "LEASE#",
    keyDesign: { pk: "G#<guild>", sk: "LEASE#<name>" },
  },
  {
    ...bookkeeping,
    id: "cold-batch",
    description: "index and migration manifest of one cold batch: object key, state, item keys",
    partition: "tenant",
    skPrefix: "COLD#",
    keyDesign: { pk: "G#<guild>", sk: "COLD#<class>#<yyyy-mm>#<batch id>" },
  },
  {
    ...bookkeeping,
    id: "cold-entry",
    description: "one member's item keys in one cold batch, for export and erasure",
    partition: "tenant",
    skPrefix: "CSUB#",
    keyDesign: {
      pk: "G#<guild>",
      sk: "CSUB#<class>#<yyyy-mm>#<batch id>#<user>",
      gsi1: "G#<guild>#U#<user> / COLD#<class>#<yyyy-mm>#<batch id>",
    },
  },
  {
    ...bookkeeping,
    id: "migration",
    description: "marks a cold batch whose migration is unfinished, with its progress",
    partition: "tenant",
    skPrefix: "MIG#",
    keyDesign: { pk: "G#<guild>", sk: "MIG#<batch id>" },
  },
  {
    ...bookkeeping,
    id: "health-history",
    description: "one item per dependency: its state, since when, and its changes of the last 3 days",
    partition: "system",
    skPrefix: "HEALTH#",
    keyDesign: { pk: "SYSTEM", sk: "HEALTH#<dependency>" },
  },
];
