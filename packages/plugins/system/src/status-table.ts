import type { DependencyState, DependencyStatus } from "@megawatts/core";

const ICONS: Record<DependencyState, string> = {
  up: "🟢",
  degraded: "🟡",
  down: "🔴",
  "not configured": "⚪",
};

function pad(text: string, width: number) {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/** Renders dependency statuses as a monospace table with a one-line summary above it. */
export function renderStatusTable(statuses: readonly DependencyStatus[]): string {
  const rows = statuses.map((status) => [
    status.name,
    status.kind,
    status.state,
    status.state === "not configured" ? "–" : `${status.latencyMs} ms`,
    status.detail ?? "",
  ]);
  const header = ["dependency", "kind", "state", "latency", "detail"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  const down = statuses.filter((status) => status.state === "down").length;
  const degraded = statuses.filter((status) => status.state === "degraded").length;
  const overall = down > 0 ? "down" : degraded > 0 ? "degraded" : "up";
  const summary = `${ICONS[overall]} **Status: ${overall}** — ${statuses.length} dependencies, ${down} down, ${degraded} degraded`;
  return [summary, "```", line(header), ...rows.map(line), "```"].join("\n");
}
