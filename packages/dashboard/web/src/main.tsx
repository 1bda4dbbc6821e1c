import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Route, Switch } from "wouter";
import { api, rememberCsrfToken } from "./api.ts";
import { Login } from "./pages/login.tsx";
import { ServerPages } from "./pages/server.tsx";
import { ServerList } from "./pages/server-list.tsx";
import { Show } from "./show.tsx";
import { useApi } from "./use-api.ts";

type SessionInfo = { user: null } | { user: { id: string; username: string }; csrfToken: string };

function App() {
  const [session] = useApi<SessionInfo>("/auth/session");
  return (
    <Show loaded={session}>
      {(answer) => {
        if (!answer.user) return <Login />;
        const { user, csrfToken } = answer;
        rememberCsrfToken(csrfToken);
        return (
          <>
            <header className="bar">
              <a href="/" className="brand">
                megawatts
              </a>
              <span className="who">{user.username}</span>
              <button
                type="button"
                onClick={() => api("/auth/logout", {}).then(() => window.location.assign("/"))}
              >
                Log out
              </button>
            </header>
            <Switch>
              <Route path="/servers/:guild" nest>
                {(params) => <ServerPages guildId={params.guild} />}
              </Route>
              <Route>
                <ServerList />
              </Route>
            </Switch>
          </>
        );
      }}
    </Show>
  );
}

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
