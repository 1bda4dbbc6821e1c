import { VisibleError } from "@megawatts/core";
import type { CommandPayload } from "./payloads.ts";

/** The tool a command stands for, with its parameters. */
export interface ToolCall {
  tool: string;
  params: Record<string, unknown>;
}

type Options = CommandPayload["options"];
type Mapper = (options: Options, channelId: string) => ToolCall;

const str = (value: Options[string] | undefined) => (value === undefined ? undefined : String(value));
const num = (value: Options[string] | undefined) => (value === undefined ? undefined : Number(value));
/** Drops absent values, so optional parameters stay absent rather than `undefined`. */
const call = (tool: string, params: Record<string, unknown>): ToolCall => ({
  tool,
  params: Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined)),
});
const where = (options: Options, channelId: string) => str(options.channel) ?? channelId;

const COMMANDS: Record<string, Record<string, Mapper>> = {
  role: {
    create: (o) => call("role_create", { name: str(o.name), color: num(o.color) }),
    delete: (o) => call("role_delete", { roleId: str(o.role) }),
    assign: (o) => call("role_assign", { memberId: str(o.member), roleId: str(o.role) }),
    remove: (o) => call("role_remove", { memberId: str(o.member), roleId: str(o.role) }),
  },
  channel: {
    lock: (o, c) => call("channel_lock", { channelId: where(o, c) }),
    unlock: (o, c) => call("channel_unlock", { channelId: where(o, c) }),
    slowmode: (o, c) => call("channel_update", { channelId: where(o, c), slowmode: num(o.seconds) }),
    create: (o) => call("channel_create", { name: str(o.name), type: str(o.type) }),
    delete: (o, c) => call("channel_delete", { channelId: where(o, c) }),
    info: (o, c) => call("channel_info", { channelId: where(o, c) }),
  },
  message: {
    purge: (o, c) =>
      call("message_bulk_delete", {
        channelId: where(o, c),
        count: num(o.count),
        authorId: str(o.user),
        contains: str(o.contains),
      }),
    pin: (o, c) => call("message_pin", { channelId: where(o, c), messageId: str(o.message_id) }),
    unpin: (o, c) => call("message_unpin", { channelId: where(o, c), messageId: str(o.message_id) }),
    delete: (o, c) => call("message_delete", { channelId: where(o, c), messageId: str(o.message_id) }),
    send: (o, c) => call("message_send", { channelId: where(o, c), content: str(o.text) }),
  },
  webhook: {
    create: (o, c) => call("webhook_create", { channelId: where(o, c), name: str(o.name) }),
    list: (o) => call("webhook_list", { channelId: str(o.channel) }),
    delete: (o) => call("webhook_delete", { webhookId: str(o.webhook_id) }),
    send: (o) => call("webhook_execute", { webhookId: str(o.webhook_id), content: str(o.text) }),
  },
  server: {
    info: () => call("server_info", {}),
    roles: () => call("server_roles", {}),
    channels: () => call("server_channels", {}),
    members: (o) => call("server_members", { after: str(o.after), limit: 100 }),
  },
};

/**
 * The tool call of an admin command: `/channel lock` → `channel_lock` in this channel.
 *
 * @example
 * toolCall({ actor, command: "message", subcommand: "purge", options: { count: 20 } });
 * // { tool: "message_bulk_delete", params: { channelId: actor.channelId, count: 20 } }
 */
export function toolCall(payload: CommandPayload): ToolCall {
  const mapper = COMMANDS[payload.command]?.[payload.subcommand];
  if (!mapper) throw new VisibleError(`/${payload.command} ${payload.subcommand} is not a command I know.`);
  return mapper(payload.options, payload.actor.channelId);
}
