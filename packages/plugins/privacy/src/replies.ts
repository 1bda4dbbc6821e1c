import { gzipSync } from "node:zlib";
import { type MessageFile, type SubjectErasure, type SubjectExport, VisibleError } from "@megawatts/core";

// Discord refuses larger uploads from a bot in most servers; gzip first, then give up.
const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * The export as one file: pretty JSON, gzipped when it would be too large to upload as it is.
 *
 * @example
 * exportFile(doc).name // "megawatts-export-81384788765712384-80351110224678912.json"
 */
export function exportFile(doc: SubjectExport): MessageFile {
  const name = `megawatts-export-${doc.guild}-${doc.user}.json`;
  const json = Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, "utf8");
  if (json.length <= MAX_FILE_BYTES) return { name, data: json, contentType: "application/json" };
  const gzipped = gzipSync(json);
  if (gzipped.length > MAX_FILE_BYTES)
    throw new VisibleError("Your export is too large to send here; ask the bot's operators for it.");
  return { name: `${name}.gz`, data: gzipped, contentType: "application/gzip" };
}

const counts = (sources: readonly { name: string; count?: number; removed?: number }[]) =>
  sources.map((source) => `${source.name} ${source.count ?? source.removed ?? 0}`).join(", ");

/**
 * The message that carries the export: what it holds, per source, and any notes.
 *
 * @example
 * exportReply(doc) // "📦 Everything I hold about you in this server: 4 items (warm 2, cold 1, hot 0, keys 1)."
 */
export function exportReply(doc: SubjectExport): string {
  const total = doc.sources.reduce((sum, source) => sum + source.count, 0);
  const notes = doc.sources.flatMap((source) => source.notes ?? []).map((note) => `• ${note}`);
  return [
    `📦 Everything I hold about you in this server: ${total} item${total === 1 ? "" : "s"} (${counts(doc.sources)}).`,
    "The attached JSON shows sealed fields opened; only you can see this message.",
    ...notes,
  ].join("\n");
}

/**
 * The message that replaces the confirmation once erasure is done.
 *
 * @example
 * erasureReply(report, true) // "🗑️ Erased everything I held about you in this server: warm 2, …"
 */
export function erasureReply(report: SubjectErasure, remember: boolean): string {
  const shredded = report.sources.some((source) => source.tier === "keys" && source.removed > 0);
  const lines = [
    `🗑️ Erased everything I held about you in this server: ${counts(report.sources)}.`,
    shredded
      ? "Your encryption key is destroyed, so copies in backups and archives can never be read again."
      : "You had no encryption key here, so nothing sealed for you remains anywhere.",
  ];
  if (!remember) lines.push("I kept only your choice not to be remembered, so I keep honouring it.");
  lines.push(...report.sources.flatMap((source) => source.notes ?? []).map((note) => `• ${note}`));
  return lines.join("\n");
}
