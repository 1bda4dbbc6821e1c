import { useState } from "react";
import { api } from "../api.ts";
import { Show, when } from "../show.tsx";
import { useApi } from "../use-api.ts";

export interface PluginsAnswer {
  plugins: {
    id: string;
    version: string;
    description: string;
    core: boolean;
    enabled: boolean;
    commands: string[];
    dependencies: string[];
  }[];
  history: { seq: number; plugin: string; enabled: boolean; by: string; at: number; rollbackOf?: number }[];
}

/** Every plugin's state here, turned on and off with the same rules and history as `/plugins`. */
export function Plugins({ guildId }: { guildId: string }) {
  const [loaded, reload] = useApi<PluginsAnswer>(`/guilds/${guildId}/plugins`);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const act = (path: string, body: unknown, done: string) =>
    api(`/guilds/${guildId}/plugins${path}`, body).then(
      () => {
        setMessage({ text: done, error: false });
        reload();
      },
      (error: Error) => setMessage({ text: error.message, error: true }),
    );
  return (
    <Show loaded={loaded}>
      {({ plugins, history }) => (
        <>
          <h2>Plugins</h2>
          <p role={message?.error ? "alert" : "status"} className={message?.error ? "error" : "note"}>
            {message?.text ?? ""}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Plugin</th>
                <th scope="col">State</th>
                <th scope="col">Commands</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {plugins.map((plugin) => (
                <tr key={plugin.id}>
                  <td>
                    <strong>{plugin.id}</strong> {plugin.version}
                    <br />
                    <small>{plugin.description}</small>
                  </td>
                  <td>{plugin.core ? "on (core)" : plugin.enabled ? "on" : "off"}</td>
                  <td>{plugin.commands.map((name) => `/${name}`).join(" ")}</td>
                  <td>
                    {plugin.core ? (
                      "always on"
                    ) : (
                      <button
                        type="button"
                        onClick={() =>
                          act(
                            `/${plugin.id}`,
                            { enabled: !plugin.enabled },
                            `${plugin.id} is now ${plugin.enabled ? "off" : "on"} in this server.`,
                          )
                        }
                      >
                        {plugin.enabled ? `Turn ${plugin.id} off` : `Turn ${plugin.id} on`}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>History</h2>
          {history.length === 0 ? (
            <p>No changes yet.</p>
          ) : (
            <ol className="history">
              {history.map((change) => (
                <li key={change.seq}>
                  #{change.seq} {when(change.at)}: {change.by} turned <strong>{change.plugin}</strong>{" "}
                  {change.enabled ? "on" : "off"}
                  {change.rollbackOf ? ` (undoing #${change.rollbackOf})` : ""}{" "}
                  <button
                    type="button"
                    onClick={() =>
                      act("/rollback", { change: change.seq }, `Undid the changes from #${change.seq} on.`)
                    }
                  >
                    Undo from #{change.seq}
                  </button>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </Show>
  );
}
