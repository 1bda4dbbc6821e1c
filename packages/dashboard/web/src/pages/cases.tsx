import { type FormEvent, useState } from "react";
import { Link, Route, Switch } from "wouter";
import { api } from "../api.ts";
import { Show, when } from "../show.tsx";
import { useApi } from "../use-api.ts";

interface Case {
  number: number;
  action: string;
  targetId?: string;
  moderatorId: string;
  source: string;
  reason?: string;
  erased?: boolean;
  links: string[];
  endsAt?: number;
  deleted?: { by: string; at: number };
  createdAt: number;
}

const ACTIONS = ["warn", "timeout", "kick", "ban", "softban", "unban", "purge"];

function CaseList({ guildId }: { guildId: string }) {
  const [filters, setFilters] = useState({ member: "", moderator: "", action: "" });
  const [applied, setApplied] = useState("");
  const [loaded] = useApi<{ cases: Case[] }>(`/guilds/${guildId}/cases${applied}`);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== "")).toString();
    setApplied(query ? `?${query}` : "");
  };
  const field = (name: keyof typeof filters, label: string) => (
    <label>
      {label}{" "}
      <input
        value={filters[name]}
        inputMode="numeric"
        onChange={(event) => setFilters({ ...filters, [name]: event.target.value })}
      />
    </label>
  );
  return (
    <>
      <form onSubmit={apply} className="filters">
        {field("member", "Member id")} {field("moderator", "Moderator id")}{" "}
        <label>
          Action{" "}
          <select
            value={filters.action}
            onChange={(event) => setFilters({ ...filters, action: event.target.value })}
          >
            <option value="">any</option>
            {ACTIONS.map((action) => (
              <option key={action}>{action}</option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">Filter</button>
      </form>
      <Show loaded={loaded}>
        {({ cases }) =>
          cases.length === 0 ? (
            <p>No cases match.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Action</th>
                  <th scope="col">Member</th>
                  <th scope="col">Moderator</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {cases.map((record) => (
                  <tr key={record.number}>
                    <td>
                      <Link href={`/${record.number}`}>Case #{record.number}</Link>
                    </td>
                    <td>{record.action}</td>
                    <td>{record.targetId ?? "—"}</td>
                    <td>{record.moderatorId}</td>
                    <td>{when(record.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
    </>
  );
}

function CaseDetail({ guildId, number }: { guildId: string; number: string }) {
  const [loaded, reload] = useApi<{
    case: Case;
    history: { reason?: string; by: string; replacedAt: number }[];
  }>(`/guilds/${guildId}/cases/${number}`);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const save = (event: FormEvent) => {
    event.preventDefault();
    api(`/guilds/${guildId}/cases/${number}/reason`, { reason }).then(
      () => {
        setMessage({
          text: `Case #${number} has a new reason; the old one is kept in its history.`,
          error: false,
        });
        setReason("");
        reload();
      },
      (error: Error) => setMessage({ text: error.message, error: true }),
    );
  };
  return (
    <Show loaded={loaded}>
      {({ case: record, history }) => (
        <>
          <h3>Case #{record.number}</h3>
          <dl>
            <dt>Action</dt>
            <dd>{record.action}</dd>
            <dt>Member</dt>
            <dd>{record.targetId ?? "—"}</dd>
            <dt>Moderator</dt>
            <dd>{record.moderatorId}</dd>
            <dt>When</dt>
            <dd>
              {when(record.createdAt)} ({record.source})
            </dd>
            {record.endsAt ? (
              <>
                <dt>Ends</dt>
                <dd>{when(record.endsAt)}</dd>
              </>
            ) : null}
            <dt>Reason</dt>
            <dd>{record.erased ? "(erased with the member's data)" : (record.reason ?? "none given")}</dd>
          </dl>
          {record.links.map((link) => (
            <p key={link}>
              <a href={link}>{link}</a>
            </p>
          ))}
          {history.length > 0 ? (
            <>
              <h4>Earlier reasons</h4>
              <ol>
                {history.map((entry) => (
                  <li key={entry.replacedAt}>
                    {entry.reason ?? "(erased)"} — by {entry.by}, replaced {when(entry.replacedAt)}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          {record.deleted ? null : (
            <form onSubmit={save}>
              <label htmlFor="case-reason">New reason</label>{" "}
              <input
                id="case-reason"
                value={reason}
                maxLength={512}
                onChange={(event) => setReason(event.target.value)}
                required
              />{" "}
              <button type="submit">Save reason</button>
            </form>
          )}
          <p role={message?.error ? "alert" : "status"} className={message?.error ? "error" : "note"}>
            {message?.text ?? ""}
          </p>
        </>
      )}
    </Show>
  );
}

/** Moderation cases: filters, a page of cases, and one case with its reasons. */
export function Cases({ guildId }: { guildId: string }) {
  return (
    <>
      <h2>Cases</h2>
      <Switch>
        <Route path="/:number">{(params) => <CaseDetail guildId={guildId} number={params.number} />}</Route>
        <Route>
          <CaseList guildId={guildId} />
        </Route>
      </Switch>
    </>
  );
}
