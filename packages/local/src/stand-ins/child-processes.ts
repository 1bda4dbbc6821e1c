import type { ChildProcess } from "node:child_process";

const running = new Set<ChildProcess>();
let installed = false;

function killAll(signal: NodeJS.Signals) {
  for (const child of running) child.kill(signal);
}

function onSignal(signal: NodeJS.Signals) {
  killAll("SIGTERM");
  // When nobody else handles the signal, keep its default meaning: end this process too.
  if (process.listenerCount(signal) === 1) {
    process.off(signal, onSignal);
    process.kill(process.pid, signal);
  }
}

function install() {
  if (installed) return;
  installed = true;
  process.on("exit", () => killAll("SIGKILL"));
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

/**
 * Keeps track of a child process so it never outlives this one: it is stopped when this
 * process exits or receives SIGINT/SIGTERM, even if nobody called its `close()`.
 *
 * @example
 * const child = trackChild(spawn("java", args));
 */
export function trackChild(child: ChildProcess): ChildProcess {
  install();
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

/**
 * Stops a child with SIGTERM and waits for it to exit, escalating to SIGKILL after `graceMs`.
 *
 * @example
 * await stopChild(child);
 */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
