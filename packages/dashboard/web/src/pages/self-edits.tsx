import { useState } from "react";
import { Link, Route, Switch } from "wouter";
import { api } from "../api.ts";
import { Show, when } from "../show.tsx";
import { useApi } from "../use-api.ts";

interface SelfEditRecord {
  requestId: string;
  kind: string;
  status: string;
  requestedBy: string;
  target?: string;
  rounds: number;
  tokens: { prompt: number; completion: number };
  risk?: string;
  summary?: string;
  pullRequest?: { number: number; url: string };
  failure?: string;
  createdAt: number;
}

interface Round {
  round: number;
  decision: string;
  risk: string;
  summary: string;
  stages: { stage: string; status: string; reason?: string }[];
  diff: string;
}

function Requests({ guildId }: { guildId: string }) {
  const [loaded] = useApi<{ requests: SelfEditRecord[] }>(`/guilds/${guildId}/selfedits`);
  return (
    <Show loaded={loaded}>
      {({ requests }) =>
        requests.length === 0 ? (
          <p>No self-edit requests yet. Maintainers ask with /improve request.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Status</th>
                <th scope="col">Rounds</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((record) => (
                <tr key={record.requestId}>
                  <td>
                    <Link href={`/${record.requestId}`}>{record.requestId}</Link> {record.summary ?? ""}
                  </td>
                  <td>{record.status}</td>
                  <td>{record.rounds}</td>
                  <td>{when(record.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Show>
  );
}

/**
 * Approve (opens the pull request) and Discard (after a confirmation) of a proposed change: the
 * same job as the buttons on its message in Discord, which it then edits.
 */
function Decision({ guildId, requestId }: { guildId: string; requestId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<{ text: string; error: boolean }>();
  const decide = (kind: "approve" | "discard") =>
    api(`/guilds/${guildId}/selfedits/${requestId}/${kind}`, {}).then(
      () => {
        setConfirming(false);
        setResult({
          text:
            kind === "approve"
              ? "Approved: the pull request is being opened, and its message in Discord will link it."
              : "Discarded: its message in Discord will say so.",
          error: false,
        });
      },
      (error: Error) => setResult({ text: error.message, error: true }),
    );
  return (
    <>
      <p>
        Approve opens its pull request; Discard drops it. The buttons on its message in Discord do the same.
      </p>
      {confirming ? (
        <div className="confirm">
          <p>Discard this proposed change?</p>
          <button type="button" className="danger" onClick={() => decide("discard")}>
            Discard it
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <p>
          <button type="button" onClick={() => decide("approve")}>
            Approve
          </button>{" "}
          <button type="button" onClick={() => setConfirming(true)}>
            Discard…
          </button>
        </p>
      )}
      <p role={result?.error ? "alert" : "status"} className={result?.error ? "error" : "note"}>
        {result?.text ?? ""}
      </p>
    </>
  );
}

function Request({ guildId, requestId }: { guildId: string; requestId: string }) {
  const [loaded] = useApi<{ record: SelfEditRecord; request: string; rounds: Round[] }>(
    `/guilds/${guildId}/selfedits/${requestId}`,
  );
  return (
    <Show loaded={loaded}>
      {({ record, request, rounds }) => (
        <>
          <h3>{record.requestId}</h3>
          <p>
            <strong>{record.status}</strong> · asked by {record.requestedBy} · {record.rounds} round(s) ·{" "}
            {record.tokens.prompt + record.tokens.completion} tokens
            {record.risk ? ` · risk ${record.risk}` : ""}
          </p>
          <blockquote>{request}</blockquote>
          {record.pullRequest ? (
            <p>
              <a href={record.pullRequest.url}>Pull request #{record.pullRequest.number}</a>
            </p>
          ) : null}
          {record.failure ? <p className="error">{record.failure}</p> : null}
          {record.status === "proposed" ? <Decision guildId={guildId} requestId={record.requestId} /> : null}
          {rounds.map((round) => (
            <section key={round.round} aria-labelledby={`round-${round.round}`}>
              <h4 id={`round-${round.round}`}>
                Round {round.round}: {round.decision}, risk {round.risk}
              </h4>
              <p>{round.summary}</p>
              <ul>
                {round.stages.map((stage) => (
                  <li key={stage.stage}>
                    {stage.stage}: {stage.status}
                    {stage.reason ? ` (${stage.reason})` : ""}
                  </li>
                ))}
              </ul>
              <pre>{round.diff}</pre>
            </section>
          ))}
        </>
      )}
    </Show>
  );
}

/** Self-edit requests: the list, and one request's rounds, diff and pull request. */
export function SelfEdits({ guildId }: { guildId: string }) {
  return (
    <>
      <h2>Self-edits</h2>
      <Switch>
        <Route path="/:request">{(params) => <Request guildId={guildId} requestId={params.request} />}</Route>
        <Route>
          <Requests guildId={guildId} />
        </Route>
      </Switch>
    </>
  );
}
