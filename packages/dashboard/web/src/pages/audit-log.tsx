import { Show, when } from "../show.tsx";
import { useApi } from "../use-api.ts";

interface AuditAnswer {
  entries: {
    id: string;
    at: number;
    actor: string;
    action: string;
    subject?: string;
    cls?: string;
    count?: number;
  }[];
}

/** The server's audit log: who did what to which kind of data, ids only. */
export function AuditLog({ guildId }: { guildId: string }) {
  const [audit] = useApi<AuditAnswer>(`/guilds/${guildId}/audit`);
  return (
    <Show loaded={audit}>
      {({ entries }) => (
        <>
          <h2>Audit log (30 days)</h2>
          {entries.length === 0 ? (
            <p>No entries.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">On</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>{when(entry.at)}</td>
                    <td>{entry.actor}</td>
                    <td>{entry.action}</td>
                    <td>
                      {[entry.cls, entry.subject, entry.count === undefined ? "" : `${entry.count}`]
                        .filter(Boolean)
                        .join(" · ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Show>
  );
}
