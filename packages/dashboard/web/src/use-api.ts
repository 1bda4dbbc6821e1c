import { useCallback, useEffect, useState } from "react";
import { api } from "./api.ts";

export type Loaded<T> = { state: "loading" } | { state: "error"; error: Error } | { state: "ready"; data: T };

/** Loads `path` from the API, again whenever `reload` is called or the path changes. */
export function useApi<T>(path: string): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    // Each round answers only if it is still the newest.
    void round;
    api<T>(path).then(
      (data) => live && setLoaded({ state: "ready", data }),
      (error: Error) => live && setLoaded({ state: "error", error }),
    );
    return () => {
      live = false;
    };
  }, [path, round]);
  return [loaded, useCallback(() => setRound((n) => n + 1), [])];
}
