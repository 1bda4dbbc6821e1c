import { Link } from "wouter";
import { Show } from "../show.tsx";
import { useApi } from "../use-api.ts";

interface Guild {
  id: string;
  name: string;
  manage: boolean;
}

/** The servers the user shares with the bot: manage those where they hold Manage Server, and their own data everywhere. */
export function ServerList() {
  const [guilds] = useApi<{ guilds: Guild[] }>("/guilds");
  return (
    <main>
      <h1>Your servers</h1>
      <Show loaded={guilds}>
        {({ guilds }) =>
          guilds.length === 0 ? (
            <p>The bot is in none of your servers.</p>
          ) : (
            <ul className="cards">
              {guilds.map((guild) => (
                <li key={guild.id}>
                  <h2>{guild.name}</h2>
                  {guild.manage ? (
                    <Link href={`/servers/${guild.id}`}>Manage {guild.name}</Link>
                  ) : (
                    <p>You need Manage Server here to manage the bot.</p>
                  )}
                  <Link href={`/servers/${guild.id}/me`}>My data in {guild.name}</Link>
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </main>
  );
}
