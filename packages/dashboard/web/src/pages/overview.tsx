import { Show } from "../show.tsx";
import { useApi } from "../use-api.ts";

interface OverviewAnswer {
  checks: { name: string; kind: string; state: string; latencyMs: number; detail?: string }[];
  usage: { action: string; count: number }[];
  usageComplete: boolean;
}

/** Health as `/status` probes it, and what the bot did here in the last 30 days. */
export function Overview({ guildId }: { guildId: string }) {
  const [overview] = useApi<OverviewAnswer>(`/guilds/${guildId}/overview`);
  return (
    <Show loaded={overview}>
      {({ checks, usage, usageComplete }) => (
        <>
          <h2>Health</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Dependency</th>
                <th scope="col">State</th>
                <th scope="col">Latency</th>
              </tr>
            </thead>
            <tbody>
              {checks.map((check) => (
                <tr key={check.name}>
                  <td>{check.name}</td>
                  <td className={`state ${check.state.replace(" ", "-")}`}>{check.state}</td>
                  <td>{check.state === "not configured" ? "—" : `${check.latencyMs} ms`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Usage in the last 30 days</h2>
          {usage.length === 0 ? (
            <p>Nothing recorded yet.</p>
          ) : (
            <ul className="counters">
              {usage.map((counter) => (
                <li key={counter.action}>
                  <strong>{counter.count}</strong> {counter.action}
                </li>
              ))}
            </ul>
          )}
          {usageComplete ? null : <p>Counted from the latest 1,000 entries.</p>}
        </>
      )}
    </Show>
  );
}
