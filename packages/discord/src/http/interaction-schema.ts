import * as z from "zod/mini";

// The shapes the handlers rely on, checked once at the edge. Objects stay loose: Discord adds
// fields over time, and only the ones read here must have a shape.

const snowflake = z.string().check(z.regex(/^\d{17,20}$/));
const permissions = z.string().check(z.regex(/^\d{1,40}$/));
const name = z.string().check(z.minLength(1), z.maxLength(100));

const user = z.looseObject({ id: snowflake });
const member = z.looseObject({
  user,
  permissions,
  roles: z.optional(z.array(snowflake).check(z.maxLength(250))),
});

const optionValue = z.union([z.string().check(z.maxLength(6000)), z.number(), z.boolean()]);
const leafOption = z.looseObject({
  name,
  type: z.number().check(z.int(), z.minimum(3), z.maximum(11)),
  value: optionValue,
  focused: z.optional(z.boolean()),
});
const subcommand = z.looseObject({
  name,
  type: z.literal(1),
  options: z.optional(z.array(leafOption).check(z.maxLength(25))),
});
const subcommandGroup = z.looseObject({
  name,
  type: z.literal(2),
  options: z.array(subcommand).check(z.maxLength(25)),
});
const options = z.array(z.union([leafOption, subcommand, subcommandGroup])).check(z.maxLength(25));

const resolvedChannel = z.looseObject({ id: snowflake, permissions: z.optional(permissions) });
const resolvedMessage = z.looseObject({
  id: snowflake,
  channel_id: snowflake,
  author: user,
  content: z.string().check(z.maxLength(8000)),
  attachments: z
    .array(z.looseObject({ filename: z.string().check(z.maxLength(1000)) }))
    .check(z.maxLength(10)),
  timestamp: z.string().check(z.maxLength(40)),
});
const commandData = z.looseObject({
  id: snowflake,
  name: z.string().check(z.minLength(1), z.maxLength(32)),
  type: z.number().check(z.int(), z.minimum(1), z.maximum(4)),
  options: z.optional(options),
  target_id: z.optional(snowflake),
  resolved: z.optional(
    z.looseObject({
      channels: z.optional(z.record(snowflake, resolvedChannel)),
      messages: z.optional(z.record(snowflake, resolvedMessage)),
    }),
  ),
});
const customId = z.string().check(z.minLength(1), z.maxLength(100));
const componentData = z.looseObject({
  custom_id: customId,
  component_type: z.number().check(z.int()),
  values: z.optional(z.array(z.string().check(z.maxLength(100))).check(z.maxLength(25))),
});
const modalData = z.looseObject({ custom_id: customId, components: z.array(z.unknown()) });

const base = {
  id: snowflake,
  application_id: snowflake,
  token: z.string().check(z.minLength(1), z.maxLength(1000)),
  guild_id: z.optional(snowflake),
  channel: z.optional(z.looseObject({ id: snowflake })),
  channel_id: z.optional(snowflake),
  member: z.optional(member),
  user: z.optional(user),
  app_permissions: z.optional(permissions),
};

export const InteractionSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal(1) }),
  z.looseObject({ ...base, type: z.literal(2), data: commandData }),
  z.looseObject({ ...base, type: z.literal(3), data: componentData }),
  z.looseObject({ ...base, type: z.literal(4), data: commandData }),
  z.looseObject({ ...base, type: z.literal(5), data: modalData }),
]);

/**
 * Checks a parsed body against the interaction shapes the handlers read; on failure, the first
 * problem as `path: message` (for the 400 answer and the log), never the value itself.
 *
 * @example
 * const problem = interactionProblem(JSON.parse(body)); // "data.custom_id: Invalid input…"
 */
export function interactionProblem(value: unknown): string | undefined {
  const result = InteractionSchema.safeParse(value);
  if (result.success) {
    const interaction = result.data as { type: number; member?: unknown; user?: unknown };
    if (interaction.type !== 1 && !interaction.member && !interaction.user)
      return "member or user is required";
    return undefined;
  }
  const issue = result.error.issues[0];
  return issue ? `${issue.path.map(String).join(".") || "body"}: ${issue.message}` : "invalid interaction";
}
