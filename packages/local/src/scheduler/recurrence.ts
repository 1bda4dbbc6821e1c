import { Cron } from "croner";

/** When a recurring schedule fires, in epoch milliseconds (UTC). */
export interface Recurrence {
  /** The first occurrence strictly after `after`, or undefined when there is none. */
  next(after: number): number | undefined;
  /** The last occurrence in `(after, upTo]`, or undefined when none falls there. */
  latest(after: number, upTo: number): number | undefined;
}

/** An expression EventBridge Scheduler would refuse, with the reason. */
export class RecurrenceSyntaxError extends Error {
  override name = "RecurrenceSyntaxError";
  constructor(
    readonly expression: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${expression}: ${reason}`, options);
  }
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.*)\)$/;

// Rate occurrences count from the Unix epoch rather than from when a schedule was created, so a
// restart of the local runtime finds the same occurrences (and the same task ids) again.
function rate(expression: string, value: number, unit: string): Recurrence {
  const period = value * (UNIT_MS[unit.replace(/s$/, "")] ?? Number.NaN);
  if (!Number.isSafeInteger(period) || period <= 0)
    throw new RecurrenceSyntaxError(expression, "the value must be a positive whole number");
  return {
    next: (after) => (Math.floor(after / period) + 1) * period,
    latest: (after, upTo) => {
      const last = Math.floor(upTo / period) * period;
      return last > after ? last : undefined;
    },
  };
}

function cron(expression: string, body: string): Recurrence {
  const fields = body.trim().split(/\s+/);
  if (fields.length !== 6)
    throw new RecurrenceSyntaxError(
      expression,
      "cron takes six fields: minutes hours day-of-month month day-of-week year",
    );
  const [, , dayOfMonth, , dayOfWeek] = fields;
  if ((dayOfMonth === "?") === (dayOfWeek === "?"))
    throw new RecurrenceSyntaxError(expression, "exactly one of day-of-month and day-of-week must be ?");
  let pattern: Cron;
  try {
    // EventBridge numbers weekdays 1 (Sunday) to 7 and allows `0/5` steps: croner's Quartz modes.
    pattern = new Cron(`0 ${fields.join(" ")}`, {
      mode: "7-part",
      alternativeWeekdays: true,
      sloppyRanges: true,
      timezone: "Etc/UTC",
      paused: true,
    });
  } catch (error) {
    throw new RecurrenceSyntaxError(expression, (error as Error).message, { cause: error });
  }
  return {
    next: (after) => pattern.nextRun(new Date(after))?.getTime(),
    latest: (after, upTo) => {
      const [last] = pattern.previousRuns(1, new Date(upTo + 1));
      return last && last.getTime() > after ? last.getTime() : undefined;
    },
  };
}

/**
 * Reads an EventBridge Scheduler recurring expression, `rate(n unit)` or six-field
 * `cron(minutes hours day-of-month month day-of-week year)`, evaluated in UTC.
 *
 * @example
 * parseRecurrence("cron(15 4 * * ? *)").next(Date.parse("2026-12-07T00:00:00Z")) // 2026-12-07T04:15:00Z
 * parseRecurrence("rate(5 minutes)").latest(0, Date.parse("2026-12-07T00:07:00Z")) // 2026-12-07T00:05:00Z
 */
export function parseRecurrence(expression: string): Recurrence {
  const rateMatch = RATE.exec(expression);
  if (rateMatch) return rate(expression, Number(rateMatch[1]), rateMatch[2] ?? "");
  const cronMatch = CRON.exec(expression);
  if (cronMatch) return cron(expression, cronMatch[1] ?? "");
  throw new RecurrenceSyntaxError(expression, "expected rate(n unit) or cron(six fields)");
}
