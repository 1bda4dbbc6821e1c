/** A target a figure should meet; printed with the verdict, never enforced. */
export type Target = { atMost: number } | { atLeast: number };

/** One measured figure, printed beside its baseline from the same run. */
export interface Figure {
  name: string;
  unit: string;
  measured: number;
  baseline?: number;
  target?: Target;
  /** Decimal places to print (default 1). */
  digits?: number;
}

const COLUMNS = ["figure", "measured", "baseline", "target", "verdict"] as const;

function format(value: number, unit: string, digits: number, minimumDigits = digits): string {
  const text = value.toLocaleString("en-US", {
    minimumFractionDigits: minimumDigits,
    maximumFractionDigits: digits,
  });
  return unit === "×" ? `${text}×` : `${text} ${unit}`;
}

export function verdict(figure: Figure): string {
  const { target, measured } = figure;
  if (!target) return "—";
  const meets = "atMost" in target ? measured <= target.atMost : measured >= target.atLeast;
  return meets ? "meets" : "misses";
}

function row(figure: Figure): string[] {
  const digits = figure.digits ?? 1;
  const { target } = figure;
  const targetText = !target
    ? "—"
    : "atMost" in target
      ? `≤ ${format(target.atMost, figure.unit, digits, 0)}`
      : `≥ ${format(target.atLeast, figure.unit, digits, 0)}`;
  return [
    figure.name,
    format(figure.measured, figure.unit, digits),
    figure.baseline === undefined ? "—" : format(figure.baseline, figure.unit, digits),
    targetText,
    verdict(figure),
  ];
}

/** Renders a section as an aligned plain-text table followed by its notes. */
export function renderTable(
  title: string,
  figures: readonly Figure[],
  notes: readonly string[] = [],
): string {
  const rows = [[...COLUMNS], ...figures.map(row)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        // Names and verdicts read left to right; numbers line up on the right.
        return column === 0 || column === COLUMNS.length - 1 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "─".repeat(width)).join("  ");
  const [header = [], ...body] = rows;
  return [`\n${title}`, line(header), rule, ...body.map(line), ...notes.map((note) => `  ${note}`)].join(
    "\n",
  );
}
