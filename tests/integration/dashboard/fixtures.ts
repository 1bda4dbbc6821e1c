import {
  DEFAULT_GUILD_FIXTURE,
  type GuildFixture,
  LOCAL_GUILD,
  startDiscordSink,
  startLocalBot,
} from "@megawatts/local";
import { createSigner } from "@megawatts/testing";
import { inject } from "vitest";
import { uniquePrefix } from "../helpers.ts";

const g = LOCAL_GUILD;
/** A role below the bot's that grants Manage Server, held by `tester`: the bot can take it away. */
export const MANAGERS_ROLE = "1100000000000000035";
/** A second server where ada is a plain member. */
export const MEMBER_GUILD = "1200000000000000002";
/** A third server ada is not in. */
export const FOREIGN_GUILD = "1300000000000000002";

const smallGuild = (id: string, name: string, members: string[]): GuildFixture => ({
  id,
  name,
  ownerId: g.adminId,
  botUserId: g.botId,
  roles: [{ id, name: "@everyone", position: 0, permissions: ["ViewChannel", "SendMessages"] }],
  members: [
    ...members.map((userId) => ({
      userId,
      username: DEFAULT_GUILD_FIXTURE.members.find((member) => member.userId === userId)?.username ?? userId,
    })),
    { userId: g.botId, username: "megawatts", bot: true },
  ],
  channels: [{ id: `${id.slice(0, -1)}3`, name: "general" }],
});

/** The local server, with a Managers role for `tester`, and two more servers around it. */
export const DASHBOARD_GUILDS: GuildFixture[] = [
  {
    ...DEFAULT_GUILD_FIXTURE,
    roles: [
      ...DEFAULT_GUILD_FIXTURE.roles,
      { id: MANAGERS_ROLE, name: "Managers", position: 1, permissions: ["ManageGuild"] },
    ],
    members: DEFAULT_GUILD_FIXTURE.members.map((member) =>
      member.userId === g.testerId ? { ...member, roles: [...(member.roles ?? []), MANAGERS_ROLE] } : member,
    ),
  },
  smallGuild(MEMBER_GUILD, "neighbours", [g.ownerId, g.adminId, g.testerId]),
  smallGuild(FOREIGN_GUILD, "elsewhere", [g.adminId]),
];

/**
 * A local bot on the shared stand-ins with a sink modelling the three servers; the dashboard
 * asks Discord again on every call (`accessTtlMs` 1 ms) and the ingress reads plugin state fresh.
 * `env` adds configuration (e.g. the self-edit repository), `dataDir` where the bot keeps files.
 */
export async function startDashboardBot(
  label: string,
  options: { env?: Record<string, string>; dataDir?: string } = {},
) {
  const signer = createSigner();
  const sink = await startDiscordSink({ guilds: DASHBOARD_GUILDS });
  const bot = await startLocalBot({
    env: { DISCORD_PUBLIC_KEY: signer.publicKey, ...options.env },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    port: 0,
    standIns: inject("standIns"),
    sinkUrl: sink.url,
    resourcePrefix: uniquePrefix(label),
    pluginStateTtlMs: 0,
    dashboardAccessTtlMs: 1,
    logLevel: (process.env.DEBUG_LOG as "INFO") ?? "SILENT",
  });
  return {
    bot,
    sink,
    signer,
    stop: async () => {
      await bot.stop();
      await sink.close();
    },
  };
}

const cookiesOf = (response: Response) =>
  response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");

/**
 * Logs in through the sink's authorize page as `userId`, as a browser would, and returns the
 * session cookie and the CSRF token.
 */
export async function loginAs(botUrl: string, userId: string) {
  const login = await fetch(`${botUrl}/api/auth/login`, { redirect: "manual" });
  const authorize = new URL(login.headers.get("location") ?? "");
  const form = new URLSearchParams(authorize.searchParams);
  form.set("user_id", userId);
  const picked = await fetch(`${authorize.origin}/oauth2/authorize`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const callback = await fetch(picked.headers.get("location") ?? "", {
    headers: { cookie: cookiesOf(login).join("; ") },
    redirect: "manual",
  });
  const cookie = cookiesOf(callback).find((value) => value.startsWith("mw_session=")) ?? "";
  const session = await fetch(`${botUrl}/api/auth/session`, { headers: { cookie } });
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken, callback };
}
