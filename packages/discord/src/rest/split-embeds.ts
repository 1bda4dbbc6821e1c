import type { APIEmbed, APIEmbedField } from "discord-api-types/v10";
import { splitText, truncate } from "./split-text.ts";

/** Discord's documented embed limits. */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Characters of all embeds of one message together. */
  total: 6000,
  perMessage: 10,
} as const;

function fieldSize(field: APIEmbedField): number {
  return field.name.length + field.value.length;
}

/** The characters Discord counts towards the 6000 limit. */
export function embedSize(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + fieldSize(field), 0);
  const head =
    (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.author?.name.length ?? 0);
  return head + fields + (embed.footer?.text.length ?? 0);
}

function truncateField(field: APIEmbedField): APIEmbedField {
  return {
    ...field,
    name: truncate(field.name, EMBED_LIMITS.fieldName),
    value: truncate(field.value, EMBED_LIMITS.fieldValue),
  };
}

/**
 * Splits one embed into embeds within Discord's per-embed limits. A long description continues in
 * further embeds, fields spill over in groups of 25 (or fewer when 6000 characters are reached),
 * and the footer, timestamp and image go on the last part. Every part keeps the colour. What
 * cannot be split (titles, field names and values, footers, author names) is truncated with "…".
 */
export function splitEmbed(embed: APIEmbed): APIEmbed[] {
  const { fields = [], description, footer, timestamp, image, title, author, ...head } = embed;
  const colour: APIEmbed = embed.color === undefined ? {} : { color: embed.color };
  const [firstText, ...moreText] = description ? splitText(description, EMBED_LIMITS.description) : [];
  const parts: APIEmbed[] = [];
  let current: APIEmbed = {
    ...head,
    ...(title === undefined ? {} : { title: truncate(title, EMBED_LIMITS.title) }),
    ...(author === undefined
      ? {}
      : { author: { ...author, name: truncate(author.name, EMBED_LIMITS.authorName) } }),
    ...(firstText === undefined ? {} : { description: firstText }),
  };
  const startPart = (extra: APIEmbed) => {
    parts.push(current);
    current = { ...colour, ...extra };
  };

  for (const text of moreText) startPart({ description: text });
  for (const field of fields.map(truncateField)) {
    const full = (current.fields?.length ?? 0) >= EMBED_LIMITS.fields;
    if (full || embedSize(current) + fieldSize(field) > EMBED_LIMITS.total) startPart({});
    current.fields = [...(current.fields ?? []), field];
  }
  if (footer) {
    const text = truncate(footer.text, EMBED_LIMITS.footerText);
    if (embedSize(current) + text.length > EMBED_LIMITS.total) startPart({});
    current.footer = { ...footer, text };
  }
  if (timestamp !== undefined) current.timestamp = timestamp;
  if (image !== undefined) current.image = image;
  parts.push(current);
  return parts;
}

/**
 * Splits embeds into groups that each fit one message: at most 10 embeds and 6000 characters.
 *
 * @example
 * groupEmbeds(twelveEmbeds); // [[10 embeds], [2 embeds]]
 */
export function groupEmbeds(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const groups: APIEmbed[][] = [];
  let group: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds.flatMap(splitEmbed)) {
    const embedChars = embedSize(embed);
    const full = group.length === EMBED_LIMITS.perMessage || size + embedChars > EMBED_LIMITS.total;
    if (group.length > 0 && full) {
      groups.push(group);
      group = [];
      size = 0;
    }
    group.push(embed);
    size += embedChars;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
