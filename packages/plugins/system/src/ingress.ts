import { commandOptions, type IngressPlugin, snowflakeTime } from "@megawatts/core";
import type { APIChatInputApplicationCommandInteractionData } from "discord-api-types/v10";
import { manifest } from "./manifest.ts";

/**
 * The ingress half of the system plugin: `/help` and `/ping` answer inline, `/status` and
 * `/ping queue:true` defer.
 */
export const systemIngress: IngressPlugin = {
  manifest,
  commands: {
    help: {
      run: ({ commands }) => ({
        type: "message",
        ephemeral: true,
        message: {
          content: [
            "**Commands**",
            ...commands.map((command) =>
              command.menu
                ? `**${command.name}** (Apps menu on a ${command.menu}) — ${command.description}`
                : `\`/${command.name}\` — ${command.description}`,
            ),
          ].join("\n"),
        },
      }),
    },
    ping: {
      run: ({ interaction, elapsedMs }) => {
        // The worker times the rest of the way: queue, worker start and the edit.
        const { values } = commandOptions(interaction.data as APIChatInputApplicationCommandInteractionData);
        if (values.queue === true) return { type: "defer", ephemeral: true, job: { kind: "system.ping" } };
        const transitMs = Date.now() - snowflakeTime(interaction.id);
        return {
          type: "message",
          ephemeral: true,
          message: {
            content: `🏓 Pong — handled in ${elapsedMs().toFixed(2)} ms (Discord → bot ≈ ${Math.max(0, transitMs)} ms).`,
          },
        };
      },
    },
    status: {
      run: () => ({ type: "defer", job: { kind: "system.status" } }),
    },
  },
};
