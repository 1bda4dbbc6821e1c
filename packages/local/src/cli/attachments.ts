import { mkdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { SinkFile } from "../discord-sink.ts";

const PREVIEW_LINES = 60;
const isText = (file: SinkFile) =>
  /^(text\/|application\/(json|x-ndjson))/.test(file.contentType) || /\.(json|txt|md)$/.test(file.name);

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * The files an edit or follow-up carried, as the simulator shows them: saved under `saveDir`
 * when given, otherwise a text file's first lines.
 *
 * @example
 * print(await showAttachments(event.files ?? [], args.save));
 * // "📎 megawatts-export.json (2.1 KB, application/json) saved to exports/megawatts-export.json"
 */
export async function showAttachments(files: readonly SinkFile[], saveDir?: string): Promise<string> {
  const lines: string[] = [];
  for (const file of files) {
    const bytes = Buffer.from(file.data, "base64");
    const head = `📎 ${file.name} (${size(file.size)}, ${file.contentType})`;
    if (saveDir) {
      await mkdir(saveDir, { recursive: true });
      const path = join(saveDir, basename(file.name));
      await writeFile(path, bytes, { mode: 0o600 });
      lines.push(`${head} saved to ${path}`);
      continue;
    }
    lines.push(`${head}; add --save <dir> to keep it`);
    if (!isText(file)) continue;
    const text = bytes.toString("utf8").split("\n");
    lines.push(...text.slice(0, PREVIEW_LINES).map((line) => `  │ ${line}`));
    if (text.length > PREVIEW_LINES) lines.push(`  │ … ${text.length - PREVIEW_LINES} more lines`);
  }
  return lines.join("\n");
}
