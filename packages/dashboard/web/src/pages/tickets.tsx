import { useState } from "react";
import { Link, Route, Switch } from "wouter";
import { Show, when } from "../show.tsx";
import { useApi } from "../use-api.ts";

interface Ticket {
  ticketId: string;
  threadId: string;
  openerId: string;
  status: "open" | "closed";
  openedAt: number;
  closedAt?: number;
  closedBy?: string;
  transcript?: { messages: number };
}

interface TranscriptAnswer {
  ticket: Ticket;
  transcript: {
    reason: string | null;
    messages: {
      id: string;
      author: string;
      at: string;
      content: string;
      attachments: { name: string; url: string }[];
    }[];
  };
}

function TicketList({ guildId }: { guildId: string }) {
  const [status, setStatus] = useState("");
  const [loaded] = useApi<{ tickets: Ticket[] }>(
    `/guilds/${guildId}/tickets${status ? `?status=${status}` : ""}`,
  );
  return (
    <>
      <label>
        Status{" "}
        <select value={status} onChange={(event) => setStatus(event.target.value)}>
          <option value="">any</option>
          <option value="open">open</option>
          <option value="closed">closed</option>
        </select>
      </label>
      <Show loaded={loaded}>
        {({ tickets }) =>
          tickets.length === 0 ? (
            <p>No tickets.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Ticket</th>
                  <th scope="col">Opened by</th>
                  <th scope="col">Opened</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {tickets.map((ticket) => (
                  <tr key={ticket.ticketId}>
                    <td>
                      {ticket.transcript ? (
                        <Link href={`/${ticket.ticketId}`}>Transcript of {ticket.ticketId}</Link>
                      ) : (
                        ticket.ticketId
                      )}
                    </td>
                    <td>{ticket.openerId}</td>
                    <td>{when(ticket.openedAt)}</td>
                    <td>{ticket.status}</td>
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

function TicketTranscript({ guildId, ticketId }: { guildId: string; ticketId: string }) {
  const [loaded] = useApi<TranscriptAnswer>(`/guilds/${guildId}/tickets/${ticketId}/transcript`);
  return (
    <Show loaded={loaded}>
      {({ ticket, transcript }) => (
        <>
          <h3>Transcript of {ticket.ticketId}</h3>
          <p>
            Opened by {ticket.openerId} {when(ticket.openedAt)}
            {ticket.closedAt ? `, closed by ${ticket.closedBy ?? "?"} ${when(ticket.closedAt)}` : ""}
            {transcript.reason ? `: ${transcript.reason}` : ""}
          </p>
          <ol className="transcript">
            {transcript.messages.map((message) => (
              <li key={message.id}>
                <strong>{message.author}</strong> <small>{new Date(message.at).toLocaleString()}</small>
                <p>{message.content}</p>
                {message.attachments.map((file) => (
                  <a key={file.url} href={file.url}>
                    {file.name}
                  </a>
                ))}
              </li>
            ))}
          </ol>
        </>
      )}
    </Show>
  );
}

/** Tickets: the list, and a closed ticket's transcript. */
export function Tickets({ guildId }: { guildId: string }) {
  return (
    <>
      <h2>Tickets</h2>
      <Switch>
        <Route path="/:ticket">
          {(params) => <TicketTranscript guildId={guildId} ticketId={params.ticket} />}
        </Route>
        <Route>
          <TicketList guildId={guildId} />
        </Route>
      </Switch>
    </>
  );
}
