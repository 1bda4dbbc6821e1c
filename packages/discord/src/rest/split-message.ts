import type { MessagePayload } from "@megawatts/core";
import type { APIEmbed } from "discord-api-types/v10";
import { groupEmbeds } from "./split-embeds.ts";
import { splitText } from "./split-text.ts";

/** Discord's limit on the content of one message. */
export const MAX_CONTENT_LENGTH = 2000;

/**
 * Splits a message that exceeds Discord's limits into messages that each fit: content of at
 * most 2000 characters (cut at newlines, then spaces, with code blocks kept balanced), at most
 * 10 embeds and 6000 embed characters per message. Content comes first and the first embeds
 * ride on its last piece; components go on the last message only; `flags` and
 * `allowed_mentions` go on every message. A message within the limits comes back as it is.
 *
 * @example
 * const [edit, ...followUps] = splitMessage({ content: longAnswer, components: [buttons] });
 */
export function splitMessage(message: MessagePayload): MessagePayload[] {
  const { content, embeds, components, ...shared } = message;
  const bodies: MessagePayload[] =
    content === undefined ? [] : splitText(content, MAX_CONTENT_LENGTH).map((text) => ({ content: text }));
  const groups: APIEmbed[][] = embeds === undefined ? [] : embeds.length > 0 ? groupEmbeds(embeds) : [[]];

  const [firstGroup, ...otherGroups] = groups;
  const last = bodies.at(-1);
  if (firstGroup && last) last.embeds = firstGroup;
  else if (firstGroup) bodies.push({ embeds: firstGroup });
  for (const group of otherGroups) bodies.push({ embeds: group });
  if (bodies.length === 0) bodies.push({});

  const final = bodies.at(-1);
  if (final && components !== undefined) final.components = components;
  return bodies.map((body) => ({ ...shared, ...body }));
}
