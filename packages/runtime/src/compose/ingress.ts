import { ingressEndpoint } from "./ingress-endpoint.ts";
import { ingressRegistry } from "./ingress-registry.ts";
import { type IngressParts, interactionHandler } from "./interaction-handler.ts";

export { type IngressParts, PLUGIN_STATE_TTL_MS } from "./interaction-handler.ts";

/**
 * Puts the ingress together from the adapters a runtime chose: registry from the installed
 * plugins (checked here, at start), signature verifier, plugin state behind a per-container
 * cache, and the interaction use case behind the HTTP edge.
 *
 * @example
 * const endpoint = composeIngress({ publicKey, queue, pluginStates, logger, metrics });
 */
export function composeIngress(parts: IngressParts) {
  const handler = interactionHandler(parts, ingressRegistry(parts.limits));
  return ingressEndpoint(parts, async () => handler);
}
