import type { DependencyState, DependencyStatus, HealthRecord } from "@megawatts/core";

const ICONS: Record<DependencyState, string> = {
  up: "🟢",
  degraded: "🟡",
  down: "🔴",
  "not configured": "⚪",
};

function pad(text: string, width: number) {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/** "5 min", "3 h", "2 d": how long ago, coarsely. */
function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

/**
 * Renders dependency statuses as a monospace table with a one-line summary above it. With the
 * health history, a `since` column says how long each has been in the state the health task
 * last recorded (it checks every 5 minutes and keeps 3 days of changes).
 */
export function renderStatusTable(
  statuses: readonly DependencyStatus[],
  history?: ReadonlyMap<string, HealthRecord>,
  now = Date.now(),
): string {
  const since = (status: DependencyStatus) => {
    const record = history?.get(status.name);
    return record ? `${record.state} ${ago(now - record.since)}` : "–";
  };
  const rows = statuses.map((status) => [
    status.name,
    status.kind,
    status.state,
    status.state === "not configured" ? "–" : `${status.latencyMs} ms`,
    ...(history ? [since(status)] : []),
    status.detail ?? "",
  ]);
  const header = ["dependency", "kind", "state", "latency", ...(history ? ["since"] : []), "detail"];
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
