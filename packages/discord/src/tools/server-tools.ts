import type { REST } from "@discordjs/rest";
import {
  type AuditLog,
  type Clock,
  createDangerousLimiter,
  createToolExecutor,
  type DangerousLimit,
  systemClock,
  type TenantCaches,
  type ToolCallingChat,
} from "@megawatts/core";
import { discordTools } from "./catalogue/index.ts";
import { discordRestPort, discordRules } from "./rest-port.ts";

/**
 * The server tools every runtime wires: the executor over the bot's REST client with Discord's
 * rules, the audit log and a hot-tier limit for dangerous tools, plus the model for `/do`.
 *
 * @example
 * services.serverTools = createServerTools({ rest, audit: storage.data.audit, cache: storage.cache });
 */
export function createServerTools(input: {
  rest: REST;
  audit: Pick<AuditLog, "record">;
  cache: TenantCaches;
  clock?: Clock;
  chat?: ToolCallingChat;
  dangerousLimit?: DangerousLimit;
}) {
  const clock = input.clock ?? systemClock;
  const limiter = createDangerousLimiter({
    cache: input.cache,
    clock,
    ...(input.dangerousLimit ? { limit: input.dangerousLimit } : {}),
  });
  const executor = createToolExecutor({
    tools: discordTools,
    rest: discordRestPort(input.rest),
    rules: discordRules,
    audit: input.audit,
    limiter,
    clock,
  });
  return { executor, ...(input.chat ? { chat: input.chat } : {}) };
}
