import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { Show, when } from "../show.tsx";
import { useApi } from "../use-api.ts";

interface KnowledgeAnswer {
  indexing: "on" | "off" | "not installed";
  channels: { channelId: string; syncedAt: number; indexed: number }[];
  vectors: string;
  chat: boolean;
}

interface SearchAnswer {
  results: {
    messageId: string;
    channelId: string;
    authorId: string;
    date: string;
    url: string;
    snippet?: string;
  }[];
  total: number;
  capped: boolean;
  mode: string;
}

function Search({ guildId }: { guildId: string }) {
  const [query, setQuery] = useState("");
  const [answer, setAnswer] = useState<{ page?: SearchAnswer; error?: string }>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    api<SearchAnswer>(`/guilds/${guildId}/knowledge/search?q=${encodeURIComponent(query)}`).then(
      (page) => setAnswer({ page }),
      (error: Error) => setAnswer({ error: error.message }),
    );
  };
  return (
    <>
      <form onSubmit={submit}>
        <label htmlFor="knowledge-query">Search what this server said</label>{" "}
        <input
          id="knowledge-query"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          required
        />{" "}
        <button type="submit">Search</button>
      </form>
      {answer?.error ? (
        <p role="alert" className="error">
          {answer.error}
        </p>
      ) : null}
      {answer?.page ? (
        <>
          <p role="status">
            {answer.page.total}
            {answer.page.capped ? "+" : ""} matches ({answer.page.mode})
          </p>
          <ol>
            {answer.page.results.map((result) => (
              <li key={result.messageId}>
                <a href={result.url}>{result.date.slice(0, 10)}</a> <small>in {result.channelId}</small>
                <br />
                {result.snippet ?? ""}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}

/** What `/knowledge` shows, and a search box over this server's knowledge. */
export function Knowledge({ guildId }: { guildId: string }) {
  const [loaded] = useApi<KnowledgeAnswer>(`/guilds/${guildId}/knowledge`);
  return (
    <Show loaded={loaded}>
      {({ indexing, channels, vectors, chat }) => (
        <>
          <h2>Knowledge</h2>
          <p>
            Channel indexing is <strong>{indexing}</strong> here. Search uses{" "}
            {vectors === "none" ? "keywords" : `${vectors} vectors and keywords`}; answers are{" "}
            {chat ? "written by a model" : "quotes"}.
          </p>
          <h3>Indexed channels</h3>
          {channels.length === 0 ? (
            <p>No channel is indexed yet.</p>
          ) : (
            <ul>
              {channels.map((channel) => (
                <li key={channel.channelId}>
                  {channel.channelId}: {channel.indexed} messages, last synced {when(channel.syncedAt)}
                </li>
              ))}
            </ul>
          )}
          <h3>Search</h3>
          <Search guildId={guildId} />
        </>
      )}
    </Show>
  );
}
