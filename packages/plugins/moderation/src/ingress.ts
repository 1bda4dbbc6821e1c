import type { IngressPlugin, Reply } from "@megawatts/core";
import { PERMISSION_BITS } from "@megawatts/discord/permissions";
import type { APIApplicationCommandInteractionDataOption, APIInteraction } from "discord-api-types/v10";
import { actorOf, flatten, holds, type OptionValue, refusal } from "./interaction.ts";
import { manifest } from "./manifest.ts";
import type { ActionName, ActionPayload, CommandPayload, ConfirmPayload } from "./payloads.ts";
import { decision, reportModal, submitReport } from "./report-ingress.ts";

const ACTIONS: readonly ActionName[] = [
  "warn",
  "timeout",
  "untimeout",
  "kick",
  "ban",
  "unban",
  "softban",
  "purge",
];

const str = (value: OptionValue | undefined) => (value === undefined ? undefined : String(value));
const num = (value: OptionValue | undefined) => (value === undefined ? undefined : Number(value));

function action(name: ActionName, interaction: APIInteraction & { data?: unknown }): Reply {
  const actor = actorOf(interaction);
  if ("type" in actor) return actor;
  const { options } = flatten(
    (interaction.data as { options?: APIApplicationCommandInteractionDataOption[] }).options,
  );
  const fields = {
    targetId: str(options.member ?? options.user),
    reason: str(options.reason),
    minutes: num(options.minutes),
    hours: num(options.hours),
    deleteHours: num(options.delete_messages),
    count: num(options.count),
    channelId: str(options.channel),
  };
  const payload = {
    actor,
    action: name,
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
  } as ActionPayload;
  // The reason is about the target, and its case is sealed under the target's key: so is the job.
  const sealFor = payload.targetId ?? actor.userId;
  return { type: "defer", ephemeral: true, job: { kind: "moderation.act", payload, sealFor } };
}

/** Confirm or Cancel: only the moderator who asked may press (the worker checks again against what it stored). */
function decide(
  kind: "moderation.confirm" | "moderation.cancel",
  interaction: APIInteraction,
  args: string[],
): Reply {
  const [pendingId = "", invokerId = ""] = args;
  const clicker = interaction.member?.user.id ?? interaction.user?.id;
  if (clicker !== invokerId)
    return refusal(`Only <@${invokerId}>, who asked for this, can confirm or cancel it.`);
  const actor = actorOf(interaction);
  if ("type" in actor) return actor;
  const payload: ConfirmPayload = { pendingId, actor };
  return { type: "defer", job: { kind, payload } };
}

/** `/case`, `/cases`, *Moderation history*, `/modlog`, `/modstats` and the cases pages. */
function command(
  name: string,
  interaction: APIInteraction,
  options: CommandPayload["options"],
  subcommand = "",
): Reply {
  const actor = actorOf(interaction);
  if ("type" in actor) return actor;
  const manager = holds(interaction, PERMISSION_BITS.ManageGuild);
  const payload: CommandPayload = { actor, command: name, subcommand, options, manager };
  return { type: "defer", ephemeral: true, job: { kind: "moderation.command", payload } };
}

const optionsOf = (interaction: APIInteraction) =>
  flatten((interaction.data as { options?: APIApplicationCommandInteractionDataOption[] }).options);

/** The ingress half: everything defers to the worker; buttons are checked for who may press them first. */
export const moderationIngress: IngressPlugin = {
  manifest,
  commands: {
    ...Object.fromEntries(
      ACTIONS.map((name) => [name, { run: ({ interaction }) => action(name, interaction) }]),
    ),
    ...Object.fromEntries(
      ["case", "cases", "modlog", "modstats"].map((name) => [
        name,
        {
          run: ({ interaction }) => {
            const { subcommand, options } = optionsOf(interaction);
            return command(name, interaction, options, subcommand);
          },
        },
      ]),
    ),
    "Moderation history": {
      run: ({ interaction }) =>
        command("cases", interaction, { user: (interaction.data as { target_id: string }).target_id }),
    },
    "Report message": { run: ({ interaction }) => reportModal(interaction) },
  },
  components: {
    confirm: { run: ({ interaction, args }) => decide("moderation.confirm", interaction, args) },
    cancel: { run: ({ interaction, args }) => decide("moderation.cancel", interaction, args) },
    cases: {
      run: ({ interaction, args: [user = "", page = "0"] }) =>
        holds(interaction, PERMISSION_BITS.ModerateMembers)
          ? command("cases", interaction, { user, page: Number(page) })
          : refusal("Only moderators (Timeout Members) can read cases."),
    },
    report: { run: ({ interaction, args }) => submitReport(interaction, args) },
    decide: { run: ({ interaction, args }) => decision(interaction, args) },
  },
};
