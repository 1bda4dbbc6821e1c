import {
  defineWorkerPlugin,
  type PluginPorts,
  rollbackPlugins,
  setPluginEnabled,
  VisibleError,
} from "@megawatts/core";
import { manifest } from "./manifest.ts";
import { PluginsPayloadSchema } from "./payloads.ts";
import { changeMessage, describeChange, historyMessage, infoMessage, listMessage } from "./render.ts";

type Ports = Pick<PluginPorts, "warm" | "plugins" | "clock">;

function named(ports: Ports, id: string | undefined) {
  const manifest = id ? ports.plugins.get(id) : undefined;
  if (!manifest)
    throw new VisibleError(
      `There is no plugin called "${id ?? ""}" here. \`/plugins list\` shows the installed ones.`,
    );
  return manifest;
}

/** The worker half of `/plugins`: reads and changes a server's plugin state. */
export const pluginsWorker = defineWorkerPlugin({
  manifest,
  needs: ["warm", "plugins", "clock"],
  create: (ports) => ({
    jobs: {
      "plugins.manage": async ({ job, payload, reply }) => {
        const guild = job.interaction.guildId;
        if (!guild) throw new VisibleError("/plugins works inside a server.");
        const request = PluginsPayloadSchema.parse(payload);
        const actor = `user:${job.interaction.userId}`;
        const deps = { data: ports.warm, plugins: ports.plugins, clock: ports.clock };
        switch (request.action) {
          case "list":
            return reply(listMessage(ports.plugins.manifests, await ports.plugins.state(guild)));
          case "info":
            return reply(infoMessage(named(ports, request.plugin), await ports.plugins.state(guild)));
          case "history":
            return reply(historyMessage((await ports.plugins.state(guild)).history));
          case "enable":
          case "disable": {
            const plugin = named(ports, request.plugin).id;
            const enabled = request.action === "enable";
            const { changed } = await setPluginEnabled(deps, { guild, plugin, enabled, actor });
            const verb = enabled ? "on" : "off";
            return reply(
              changeMessage([
                changed
                  ? `**${plugin}** is now ${verb} in this server.`
                  : `**${plugin}** was already ${verb} here.`,
                "It applies to your next command; everyone else's within about 15 seconds. `/plugins history` shows every change.",
              ]),
            );
          }
          case "rollback": {
            const { undone } = await rollbackPlugins(deps, {
              guild,
              actor,
              ...(request.change ? { seq: request.change } : {}),
            });
            return reply(changeMessage(["Undid:", ...undone.map(describeChange)]));
          }
        }
      },
    },
  }),
});
