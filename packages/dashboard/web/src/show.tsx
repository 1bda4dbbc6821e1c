import type { ReactNode } from "react";
import type { Loaded } from "./use-api.ts";

/** A loaded value, or what stands in for it: a polite "Loading…" or the API's own sentence. */
export function Show<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.state === "loading") return <p aria-live="polite">Loading…</p>;
  if (loaded.state === "error")
    return (
      <p role="alert" className="error">
        {loaded.error.message}
      </p>
    );
  return <>{children(loaded.data)}</>;
}

/** A time as the reader's locale writes it. */
export const when = (at: number) => new Date(at).toLocaleString();
