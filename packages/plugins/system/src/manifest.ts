import { CommandType, OptionType, type PluginManifest } from "@megawatts/core";

/** Built-in commands every deployment has: help, ping and status. */
export const manifest: PluginManifest = {
  id: "system",
  version: "1.0.0",
  description: "Help, latency and the health of every dependency.",
  commands: [
    {
      type: CommandType.ChatInput,
      name: "help",
      description: "List the commands this bot offers",
    },
    {
      type: CommandType.ChatInput,
      name: "ping",
      description: "Check that the bot answers, and how fast",
      options: [
        {
          type: OptionType.Boolean,
          name: "queue",
          description: "Answer from a worker through the job queue, and show how long that took",
        },
      ],
    },
    {
      type: CommandType.ChatInput,
      name: "status",
      description: "Check every service the bot depends on",
    },
  ],
  permissions: [],
  dependencies: {},
  core: true,
  schedules: [
    {
      kind: "system.health",
      schedule: "rate(5 minutes)",
      description: "Probe every dependency and publish an up metric for each, so alarms see an outage first",
    },
    {
      kind: "system.tiers",
      schedule: "cron(15 4 * * ? *)",
      description: "Move data down the tiers by age and access, apply retention, report policy violations",
    },
  ],
};
