import {
  type APIActionRowComponent,
  type APIEmbed,
  type APIInteractionResponse,
  ComponentType,
  InteractionResponseType,
  MessageFlags,
} from "discord-api-types/v10";

type Json = Record<string, unknown>;

const indent = (text: string, by = "  ") =>
  text
    .split("\n")
    .map((line) => by + line)
    .join("\n");

function renderEmbed(embed: APIEmbed): string {
  const lines = [`▌ ${embed.title ?? "(embed)"}`];
  if (embed.description) lines.push(indent(embed.description, "▌ "));
  for (const field of embed.fields ?? []) lines.push(`▌ ${field.name}: ${field.value}`);
  if (embed.footer?.text) lines.push(`▌ — ${embed.footer.text}`);
  return lines.join("\n");
}

function renderComponent(component: Json): string {
  switch (component.type) {
    case ComponentType.Button:
      return `[${String(component.label ?? component.emoji ?? "button")}] → ${String(component.custom_id ?? component.url ?? "")}`;
    case ComponentType.StringSelect: {
      const options = (component.options as { label: string; value: string }[] | undefined) ?? [];
      return `<select ${String(component.custom_id)}: ${options.map((option) => option.value).join(" | ")}>`;
    }
    case ComponentType.TextInput:
      return `<text input ${String(component.custom_id)}: ${String(component.label ?? "")}>`;
    default:
      return `<component type ${String(component.type)}>`;
  }
}

function renderRows(rows: unknown[]): string[] {
  return rows.map((row) => {
    const children = (row as APIActionRowComponent<never>).components as unknown as Json[] | undefined;
    return children ? children.map(renderComponent).join("  ") : renderComponent(row as Json);
  });
}

/**
 * A message body (reply, edit or follow-up) as readable text: content, embeds, components.
 *
 * @example
 * renderMessage({ content: "Done.", flags: 64 }) // "(only you can see this)\nDone."
 */
export function renderMessage(message: Json | undefined): string {
  if (!message) return "(no message body)";
  const lines: string[] = [];
  const flags = Number(message.flags ?? 0);
  if (flags & MessageFlags.Ephemeral) lines.push("(only you can see this)");
  if (typeof message.content === "string" && message.content.length > 0) lines.push(message.content);
  for (const embed of (message.embeds as APIEmbed[] | undefined) ?? []) lines.push(renderEmbed(embed));
  lines.push(...renderRows((message.components as unknown[] | undefined) ?? []));
  return lines.length > 0 ? lines.join("\n") : "(empty message)";
}

/**
 * The immediate interaction response as readable text, headed by its type name.
 *
 * @example
 * renderResponse({ type: 5 }) // "DeferredChannelMessageWithSource (5) — the bot is thinking…"
 */
export function renderResponse(response: APIInteractionResponse): string {
  const title = `${InteractionResponseType[response.type] ?? "Unknown"} (${response.type})`;
  switch (response.type) {
    case InteractionResponseType.Pong:
      return title;
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      const ephemeral = Number(response.data?.flags ?? 0) & MessageFlags.Ephemeral;
      return `${title} — the bot is thinking…${ephemeral ? " (only you will see the answer)" : ""}`;
    }
    case InteractionResponseType.DeferredMessageUpdate:
      return `${title} — the bot is thinking…`;
    case InteractionResponseType.ApplicationCommandAutocompleteResult: {
      const choices = response.data.choices ?? [];
      const list = choices.map((choice) => `• ${choice.name} → ${JSON.stringify(choice.value)}`);
      return [title, ...(list.length > 0 ? list : ["(no choices)"])].join("\n");
    }
    case InteractionResponseType.Modal:
      return [
        `${title}: ${response.data.title} [${response.data.custom_id}]`,
        ...renderRows(response.data.components),
      ].join("\n");
    case InteractionResponseType.ChannelMessageWithSource:
    case InteractionResponseType.UpdateMessage:
      return `${title}\n${indent(renderMessage(response.data as Json | undefined))}`;
    default:
      return `${title}\n${indent(JSON.stringify(response, null, 2))}`;
  }
}

/**
 * One request the bot made to the Discord sink, as readable text.
 *
 * @example
 * renderSinkEvent({ method: "PATCH", path: "/webhooks/1/t/messages/@original", status: 200, body: { content: "Done." } });
 * // "edited the reply\n  Done."
 */
export function renderSinkEvent(event: {
  method: string;
  path: string;
  status: number;
  body: unknown;
}): string {
  const what = event.path.endsWith("/messages/@original")
    ? event.method === "PATCH"
      ? "edited the reply"
      : `${event.method} the reply`
    : event.method === "POST" && /^\/webhooks\/\d+\/[^/]+$/.test(event.path)
      ? "sent a follow-up"
      : `${event.method} ${event.path}`;
  const failed = event.status >= 400 ? `  ✗ Discord answered ${event.status}` : "";
  return `${what}${failed}\n${indent(renderMessage(event.body as Json | undefined))}`;
}
