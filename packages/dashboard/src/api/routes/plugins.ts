import { isPluginEnabled, rollbackPlugins, setPluginEnabled } from "@megawatts/core";
import { Hono } from "hono";
import { z } from "zod";
import type { DashboardDeps, DashboardEnv } from "../context.ts";

const ChangeSchema = z.object({ enabled: z.boolean() });
const RollbackSchema = z.object({ change: z.number().int().min(1).optional() });

/**
 * A server's plugins: each with its state, and the change history, as `/plugins list` and
 * `/plugins history` show them; enabling, disabling and rolling back through the same use cases,
 * with the same refusals (core plugins, dependencies) and the same history and audit entries.
 */
export function pluginRoutes(deps: DashboardDeps) {
  const { plugins, data, clock } = deps.ports;
  const useCase = { data, plugins, clock };
  const actor = (userId: string) => `user:${userId}`;
  return new Hono<DashboardEnv>()
    .get("/", async (c) => {
      const state = await plugins.state(c.var.guild.id);
      return c.json({
        plugins: plugins.manifests.map((manifest) => ({
          id: manifest.id,
          version: manifest.version,
          description: manifest.description,
          core: manifest.core === true,
          enabled: isPluginEnabled(manifest, state),
          commands: manifest.commands.map((command) => command.name),
          dependencies: Object.keys(manifest.dependencies),
        })),
        history: [...state.history].reverse(),
      });
    })
    .post("/rollback", async (c) => {
      const { change } = RollbackSchema.parse(await c.req.json());
      const { undone } = await rollbackPlugins(useCase, {
        guild: c.var.guild.id,
        actor: actor(c.var.session.userId),
        ...(change ? { seq: change } : {}),
      });
      return c.json({ undone });
    })
    .post("/:plugin", async (c) => {
      const { enabled } = ChangeSchema.parse(await c.req.json());
      const { changed } = await setPluginEnabled(useCase, {
        guild: c.var.guild.id,
        plugin: c.req.param("plugin"),
        enabled,
        actor: actor(c.var.session.userId),
      });
      return c.json({ changed, enabled });
    });
}
