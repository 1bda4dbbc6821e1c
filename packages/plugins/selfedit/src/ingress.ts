import { type IngressPlugin, OptionType, type Reply, VisibleError } from "@megawatts/core";
import type {
  APIApplicationCommandInteraction,
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandInteractionDataOption,
  APIInteraction,
} from "discord-api-types/v10";
import { refusalFor } from "./access.ts";
import { selfEditSettings } from "./config.ts";
import { decisionJob, SELFEDIT_QUEUE } from "./decision-job.ts";
import { manifest } from "./manifest.ts";
import { REQUEST_ID, requestIdFor } from "./request-id.ts";

const ephemeral = (content: string): Reply => ({
  type: "message",
  ephemeral: true,
  message: { content, allowed_mentions: { parse: [] } },
});

function subcommand(interaction: APIApplicationCommandInteraction) {
  const options = "options" in interaction.data ? (interaction.data.options ?? []) : [];
  const [first] = options as APIApplicationCommandInteractionDataOption[];
  if (first?.type !== OptionType.Subcommand)
    throw new VisibleError("Use /improve request, status, history or revert.");
  const values = new Map(
    ((first.options ?? []) as APIApplicationCommandInteractionDataBasicOption[]).map((option) => [
      option.name,
      typeof option.value === "string" ? option.value.trim() : undefined,
    ]),
  );
  return { name: first.name, option: (name: string) => values.get(name) || undefined };
}

function requestId(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!REQUEST_ID.test(value))
    throw new VisibleError(`\`${value.slice(0, 40)}\` is not a request id (they look like se_01J…).`);
  return value;
}

function command(interaction: APIApplicationCommandInteraction): Reply {
  const { name, option } = subcommand(interaction);
  const own = requestIdFor(interaction.id);
  if (name === "request") {
    const request = option("request") ?? "";
    const target = option("target");
    if (request.length < 10) throw new VisibleError("Describe the change in at least 10 characters.");
    if (target !== undefined && !/^[\w./*@-]{1,200}$/.test(target))
      throw new VisibleError("The target is a plugin id (like `system`) or a repository path.");
    const payload = { requestId: own, request, ...(target ? { target } : {}) };
    // The request is the maintainer's words: sealed for the queue under a key filed under them.
    const sealFor = interaction.member?.user.id ?? interaction.user?.id;
    return {
      type: "defer",
      job: {
        kind: "selfedit.request",
        queue: SELFEDIT_QUEUE,
        id: own,
        payload,
        ...(sealFor ? { sealFor } : {}),
      },
    };
  }
  if (name === "revert") {
    const revertOf = requestId(option("id"));
    if (!revertOf) throw new VisibleError("Name the request to revert: /improve revert id:se_…");
    const payload = { requestId: own, revertOf };
    return { type: "defer", job: { kind: "selfedit.revert", queue: SELFEDIT_QUEUE, id: own, payload } };
  }
  if (name === "status") {
    const id = requestId(option("id"));
    return {
      type: "defer",
      ephemeral: true,
      job: { kind: "selfedit.status", payload: id ? { requestId: id } : {} },
    };
  }
  return { type: "defer", ephemeral: true, job: { kind: "selfedit.history" } };
}

/** A click on Approve or Discard: checked again here, since anyone who sees the message can click. */
function decision(kind: "approve" | "discard", interaction: APIInteraction, args: string[]): Reply {
  const refusal = refusalFor(interaction, selfEditSettings());
  if (refusal) return ephemeral(refusal);
  const id = requestId(args[0]);
  if (!id) throw new VisibleError("This button names no request.");
  const message = "message" in interaction ? interaction.message : undefined;
  return {
    type: "defer",
    job: decisionJob(kind, id, { channelId: interaction.channel?.id, messageId: message?.id }),
  };
}

/**
 * The ingress half of self-editing. `/improve request|revert` defer onto the FIFO self-edit
 * queue under the request's own id (so a replay is deduplicated); `status` and `history`
 * defer onto the jobs queue, ephemeral. Only maintainers get past the door, and the Approve
 * and Discard buttons (`selfedit:approve:<id>`) check again on every click.
 */
export const selfeditIngress: IngressPlugin = {
  manifest,
  commands: {
    improve: {
      run: ({ interaction }) => {
        const refusal = refusalFor(interaction, selfEditSettings());
        return refusal ? ephemeral(refusal) : command(interaction);
      },
    },
  },
  components: {
    approve: { run: ({ interaction, args }) => decision("approve", interaction, args) },
    discard: { run: ({ interaction, args }) => decision("discard", interaction, args) },
  },
};
