import { useState } from "react";
import { api } from "../api.ts";

interface Erasure {
  sources: { name: string; removed?: number }[];
}

/** The member's own data here: the same export and erasure as `/privacy`. */
export function MyData({ guildId }: { guildId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<{ text: string; error: boolean }>();
  const erase = () =>
    api<Erasure>(`/guilds/${guildId}/me/erase`, {}).then(
      (erasure) => {
        const removed = erasure.sources.reduce((sum, source) => sum + (source.removed ?? 0), 0);
        setResult({
          text: `Erased: ${removed} items removed from every tier, and your key destroyed.`,
          error: false,
        });
        setConfirming(false);
      },
      (error: Error) => setResult({ text: error.message, error: true }),
    );
  return (
    <>
      <h2>My data</h2>
      <p>
        Everything the bot holds about you in this server, from every tier, sealed fields opened, as one JSON
        file.
      </p>
      <a className="button" href={`/api/guilds/${guildId}/me/export`} download>
        Download my data
      </a>
      <h3>Erase</h3>
      <p>
        Erasing removes you from every tier and the search indexes, and destroys your key. It cannot be
        undone.
      </p>
      {confirming ? (
        <div className="confirm">
          <p>Erase everything the bot holds about you here?</p>
          <button type="button" className="danger" onClick={erase}>
            Erase everything
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Erase my data…
        </button>
      )}
      <p role={result?.error ? "alert" : "status"} className={result?.error ? "error" : "note"}>
        {result?.text ?? ""}
      </p>
    </>
  );
}
