import { type IngressPlugin, snowflakeTime } from "@megawatts/core";
import { manifest } from "./manifest.ts";

/** The ingress half of the system plugin: `/help` and `/ping` answer inline, `/status` defers. */
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
