import { type BlobStore, type Envelope, SealedSchema } from "@megawatts/core";
import type { MessageRecord } from "@megawatts/discord/tools";
import escapeHtml from "escape-html";

/** Everything a transcript says: the ticket, then every message oldest first. */
export interface Transcript {
  ticketId: string;
  guildId: string;
  threadId: string;
  openerId: string;
  openedAt: string;
  closedAt: string;
  closedBy: string;
  reason: string | null;
  messages: MessageRecord[];
}

export type TranscriptFormat = "html" | "json";

const objectKey = (guild: string, ticketId: string, format: TranscriptFormat) =>
  `tickets/${guild}/${ticketId}/transcript.${format}.sealed`;
// Sealed under the opener's key: erasing them makes every copy unreadable.
const context = (transcript: Pick<Transcript, "guildId" | "openerId">, format: TranscriptFormat) => ({
  tenant: transcript.guildId,
  subject: transcript.openerId,
  purpose: `ticket.transcript.${format}`,
});

function messageHtml(message: MessageRecord): string {
  const files = message.attachments.map(
    (file) =>
      `<li>📎 <a href="${escapeHtml(file.url)}">${escapeHtml(file.name)}</a> (${file.size} bytes)</li>`,
  );
  const embeds = message.embeds.map(
    (embed) =>
      `<li>▤ ${escapeHtml([embed.title, embed.description, embed.url].filter(Boolean).join(" — ") || "embed")}${embed.fields ? ` (${embed.fields} fields)` : ""}</li>`,
  );
  const extras = [...files, ...embeds];
  return [
    `<article id="m${message.id}">`,
    `<header><strong>${escapeHtml(message.author)}</strong> <code>${message.authorId}</code>${message.bot ? " [bot]" : ""} <time datetime="${message.at}">${message.at}</time>${message.editedAt ? " (edited)" : ""}</header>`,
    `<p>${escapeHtml(message.content).replaceAll("\n", "<br>")}</p>`,
    extras.length > 0 ? `<ul>${extras.join("")}</ul>` : "",
    "</article>",
  ].join("");
}

/** The transcript as a standalone HTML page, every member-written string escaped. */
export function transcriptHtml(transcript: Transcript): string {
  const title = `Ticket ${transcript.ticketId}`;
  return [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>`,
    `<h1>${title}</h1>`,
    `<p>Opened by <code>${transcript.openerId}</code> at ${transcript.openedAt}; closed by <code>${transcript.closedBy}</code> at ${transcript.closedAt}${transcript.reason ? `: ${escapeHtml(transcript.reason)}` : ""}. ${transcript.messages.length} messages.</p>`,
    ...transcript.messages.map(messageHtml),
    "</body></html>",
  ].join("\n");
}

/** Seals the transcript as HTML and JSON under the opener's key and stores both in the cold tier. */
export async function storeTranscript(
  deps: { blobs: BlobStore; envelope: Envelope },
  transcript: Transcript,
): Promise<Record<TranscriptFormat, string>> {
  const bodies: Record<TranscriptFormat, string> = {
    html: transcriptHtml(transcript),
    json: JSON.stringify(transcript),
  };
  const keys = {
    html: objectKey(transcript.guildId, transcript.ticketId, "html"),
    json: objectKey(transcript.guildId, transcript.ticketId, "json"),
  };
  for (const format of ["json", "html"] as const) {
    const sealed = await deps.envelope.seal(bodies[format], context(transcript, format));
    await deps.blobs.put(keys[format], new TextEncoder().encode(JSON.stringify(sealed)), {
      contentType: "application/json",
      metadata: { cls: "ticket", sealed: "envelope", format },
    });
  }
  return keys;
}

/** A stored transcript opened again, or `undefined` when the object is gone. */
export async function readTranscript(
  deps: { blobs: BlobStore; envelope: Envelope },
  ticket: { guildId: string; openerId: string; key: string },
  format: TranscriptFormat,
): Promise<string | undefined> {
  const blob = await deps.blobs.get(ticket.key);
  if (!blob) return undefined;
  const sealed = SealedSchema.parse(JSON.parse(new TextDecoder().decode(blob.bytes)));
  return deps.envelope.open(sealed, context(ticket, format));
}
