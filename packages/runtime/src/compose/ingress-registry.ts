import { ingressPlugins } from "@megawatts/catalog/ingress";
import { type CommandRegistryOptions, createCommandRegistry } from "@megawatts/core";

/**
 * The installed plugins' commands, buttons and modals, with their needs checked (and Discord's
 * command limits too when given). The Lambda ingress loads this module, and so the plugins'
 * code, on its first interaction that is not a PING (see lambda-interactions.ts).
 */
export function ingressRegistry(limits?: CommandRegistryOptions["limits"]) {
  return createCommandRegistry(ingressPlugins, limits ? { limits } : {});
}
