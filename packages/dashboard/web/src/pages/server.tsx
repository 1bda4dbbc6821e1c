import { Link, Route, Switch, useRoute } from "wouter";
import { Show } from "../show.tsx";
import { useApi } from "../use-api.ts";
import { AuditLog } from "./audit-log.tsx";
import { Cases } from "./cases.tsx";
import { Knowledge } from "./knowledge.tsx";
import { MyData } from "./my-data.tsx";
import { Overview } from "./overview.tsx";
import { Plugins, type PluginsAnswer } from "./plugins.tsx";
import { SelfEdits } from "./self-edits.tsx";
import { Tickets } from "./tickets.tsx";

interface Guild {
  id: string;
  name: string;
  manage: boolean;
}

/** The pages a server's plugins bring, each shown only while its plugin is on there. */
const PLUGIN_PAGES: { plugin: string; path: string; label: string }[] = [
  { plugin: "knowledge", path: "/knowledge", label: "Knowledge" },
  { plugin: "selfedit", path: "/selfedits", label: "Self-edits" },
  { plugin: "moderation", path: "/cases", label: "Cases" },
  { plugin: "tickets", path: "/tickets", label: "Tickets" },
];

function NavLink({ href, children }: { href: string; children: string }) {
  const [active] = useRoute(href);
  return (
    <Link href={href} aria-current={active ? "page" : undefined}>
      {children}
    </Link>
  );
}

function ManagerNav({ guildId }: { guildId: string }) {
  const [plugins] = useApi<PluginsAnswer>(`/guilds/${guildId}/plugins`);
  const enabled = new Set(
    plugins.state === "ready" ? plugins.data.plugins.filter((p) => p.enabled).map((p) => p.id) : [],
  );
  return (
    <>
      <NavLink href="/">Overview</NavLink>
      <NavLink href="/plugins">Plugins</NavLink>
      {PLUGIN_PAGES.filter((page) => enabled.has(page.plugin)).map((page) => (
        <NavLink key={page.path} href={page.path}>
          {page.label}
        </NavLink>
      ))}
      <NavLink href="/audit">Audit log</NavLink>
    </>
  );
}

/** One server: its navigation, then the page the path names. */
export function ServerPages({ guildId }: { guildId: string }) {
  const [guilds] = useApi<{ guilds: Guild[] }>("/guilds");
  return (
    <Show loaded={guilds}>
      {({ guilds }) => {
        const guild = guilds.find((candidate) => candidate.id === guildId);
        if (!guild)
          return (
            <main>
              <p role="alert">That server is not one of yours with the bot in it.</p>
            </main>
          );
        return (
          <>
            <nav aria-label={`${guild.name} pages`} className="tabs">
              {guild.manage ? <ManagerNav guildId={guild.id} /> : null}
              <NavLink href="/me">My data</NavLink>
            </nav>
            <main>
              <h1>{guild.name}</h1>
              <Switch>
                <Route path="/me">
                  <MyData guildId={guild.id} />
                </Route>
                {guild.manage ? (
                  <Switch>
                    <Route path="/plugins">
                      <Plugins guildId={guild.id} />
                    </Route>
                    <Route path="/knowledge">
                      <Knowledge guildId={guild.id} />
                    </Route>
                    <Route path="/selfedits" nest>
                      <SelfEdits guildId={guild.id} />
                    </Route>
                    <Route path="/cases" nest>
                      <Cases guildId={guild.id} />
                    </Route>
                    <Route path="/tickets" nest>
                      <Tickets guildId={guild.id} />
                    </Route>
                    <Route path="/audit">
                      <AuditLog guildId={guild.id} />
                    </Route>
                    <Route>
                      <Overview guildId={guild.id} />
                    </Route>
                  </Switch>
                ) : (
                  <p>
                    You need the Manage Server permission here to manage the bot. Your own data is under My
                    data.
                  </p>
                )}
              </Switch>
            </main>
          </>
        );
      }}
    </Show>
  );
}
