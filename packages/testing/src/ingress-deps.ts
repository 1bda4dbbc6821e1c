import {
  type CommandRegistry,
  EMPTY_PLUGIN_STATE,
  type GuildPluginState,
  type InteractionDeps,
  type PluginStateReader,
} from "@megawatts/core";
import { missingPermissions, type PermissionName, permissionLabel } from "@megawatts/discord/permissions";
import { InMemoryJobKeys } from "./crypto-fakes.ts";
import { ManualClock, RecordingLogger, RecordingMetrics, RecordingQueue } from "./fakes.ts";

/** Servers' plugin choices held in memory, counting reads (to show what a cache saves). */
export class MemoryPluginStates implements PluginStateReader {
  readonly states = new Map<string, GuildPluginState>();
  reads = 0;

  async read(guildId: string): Promise<GuildPluginState> {
    this.reads += 1;
    return this.states.get(guildId) ?? EMPTY_PLUGIN_STATE;
  }
}

/**
 * The ingress's deps on recording fakes, with Discord's real permission rules, for unit tests
 * of `handleInteraction` and of plugins' ingress halves.
 *
 * @example
 * const deps = fakeIngressDeps(createCommandRegistry([plugin]));
 * await handleInteraction(deps, commandInteraction(command("hello")), performance.now());
 */
export function fakeIngressDeps(
  registry: CommandRegistry,
  overrides: Partial<Omit<InteractionDeps, "pluginStates">> = {},
) {
  return {
    registry,
    queue: new RecordingQueue(),
    jobKeys: new InMemoryJobKeys(),
    pluginStates: new MemoryPluginStates(),
    missingPermissions: (required: readonly string[], granted: string | undefined) =>
      missingPermissions(required as PermissionName[], granted).map(permissionLabel),
    logger: new RecordingLogger(),
    metrics: new RecordingMetrics(),
    ...overrides,
    clock: (overrides.clock as ManualClock | undefined) ?? new ManualClock(),
  };
}
