import { systemClock } from "@megawatts/core";
import { LOCAL_GUILD } from "@megawatts/local";
import { createRecord } from "@megawatts/plugin-selfedit/records";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FOREIGN_GUILD, loginAs, MANAGERS_ROLE, MEMBER_GUILD, startDashboardBot } from "./fixtures.ts";

const g = LOCAL_GUILD;
let env: Awaited<ReturnType<typeof startDashboardBot>>;
beforeAll(async () => {
  env = await startDashboardBot("dashboard-api");
});
afterAll(async () => env?.stop());

/** Every route of a server's pages, with the method and body it takes. */
const routes = (guild: string) => [
  { method: "GET", path: `/api/guilds/${guild}/overview` },
  { method: "GET", path: `/api/guilds/${guild}/plugins` },
  { method: "POST", path: `/api/guilds/${guild}/plugins/knowledge`, body: { enabled: true } },
  { method: "POST", path: `/api/guilds/${guild}/plugins/rollback`, body: {} },
  { method: "GET", path: `/api/guilds/${guild}/audit` },
  { method: "GET", path: `/api/guilds/${guild}/knowledge` },
  { method: "GET", path: `/api/guilds/${guild}/knowledge/search?q=backup` },
  { method: "GET", path: `/api/guilds/${guild}/selfedits` },
  { method: "GET", path: `/api/guilds/${guild}/cases?action=warn` },
  { method: "GET", path: `/api/guilds/${guild}/cases/1` },
  { method: "GET", path: `/api/guilds/${guild}/tickets?status=closed` },
  { method: "GET", path: `/api/guilds/${guild}/tickets/tk_1100000000000000099/transcript` },
  { method: "POST", path: `/api/guilds/${guild}/cases/1/reason`, body: { reason: "spam" } },
  { method: "GET", path: `/api/guilds/${guild}/selfedits/se_01JZ0000000000000000000000` },
  { method: "POST", path: `/api/guilds/${guild}/selfedits/se_01JZ0000000000000000000000/approve`, body: {} },
  { method: "POST", path: `/api/guilds/${guild}/selfedits/se_01JZ0000000000000000000000/discard`, body: {} },
  { method: "GET", path: `/api/guilds/${guild}/me/export` },
  { method: "POST", path: `/api/guilds/${guild}/me/erase`, body: {} },
];
const managerRoutes = (guild: string) => routes(guild).filter((route) => !route.path.includes("/me/"));

function call(route: { method: string; path: string; body?: unknown }, headers: Record<string, string> = {}) {
  return fetch(`${env.bot.url}${route.path}`, {
    method: route.method,
    headers: { "content-type": "application/json", ...headers },
    ...(route.body ? { body: JSON.stringify(route.body) } : {}),
  });
}

describe("the dashboard API", () => {
  it("logs in through Discord's authorization-code flow with an HttpOnly, Secure, SameSite session cookie", async () => {
    const { callback, csrf } = await loginAs(env.bot.url, g.ownerId);

    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/");
    const cookie = callback.headers.getSetCookie().find((value) => value.startsWith("mw_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(csrf).toMatch(/^[\w-]{43}$/);
  });

  it("refuses a callback whose state does not match the login it started", async () => {
    const response = await fetch(`${env.bot.url}/api/auth/callback?code=abc&state=forged`, {
      redirect: "manual",
    });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/log in again/);
  });

  it("lists only servers the bot and the user share, marking those they manage", async () => {
    const { cookie } = await loginAs(env.bot.url, g.ownerId);

    const response = await fetch(`${env.bot.url}/api/guilds`, { headers: { cookie } });
    const { guilds } = (await response.json()) as { guilds: { id: string; manage: boolean }[] };

    expect(guilds.map(({ id, manage }) => ({ id, manage }))).toEqual([
      { id: g.guildId, manage: true },
      { id: MEMBER_GUILD, manage: false },
    ]);
  });

  it("refuses every route without a session", async () => {
    for (const route of [{ method: "GET", path: "/api/guilds" }, ...routes(g.guildId)]) {
      const response = await call(route);
      expect(response.status, `${route.method} ${route.path}`).toBe(401);
    }
  });

  it("refuses every route for a server the user is not in, and the managers' routes where they lack Manage Server", async () => {
    const { cookie, csrf } = await loginAs(env.bot.url, g.ownerId);
    for (const route of routes(FOREIGN_GUILD)) {
      const response = await call(route, { cookie, "x-csrf-token": csrf });
      expect(response.status, `${route.method} ${route.path}`).toBe(404);
    }
    for (const route of managerRoutes(MEMBER_GUILD)) {
      const response = await call(route, { cookie, "x-csrf-token": csrf });
      expect(response.status, `${route.method} ${route.path}`).toBe(403);
    }
  });

  it("refuses every state-changing route without the CSRF token, or with another session's", async () => {
    const { cookie } = await loginAs(env.bot.url, g.ownerId);
    const other = await loginAs(env.bot.url, g.adminId);
    const changes = [...routes(g.guildId), { method: "POST", path: "/api/auth/logout" }].filter(
      (route) => route.method === "POST",
    );
    for (const route of changes) {
      for (const headers of [{ cookie }, { cookie, "x-csrf-token": other.csrf }]) {
        const response = await call(route, headers);
        expect(response.status, `${route.method} ${route.path}`).toBe(403);
      }
    }
  });

  it("refuses a member's every managers' route once Discord no longer gives them Manage Server", async () => {
    const { cookie, csrf } = await loginAs(env.bot.url, g.testerId);
    expect((await call({ method: "GET", path: `/api/guilds/${g.guildId}/plugins` }, { cookie })).status).toBe(
      200,
    );

    const removed = await fetch(
      `${env.sink.url}/guilds/${g.guildId}/members/${g.testerId}/roles/${MANAGERS_ROLE}`,
      {
        method: "DELETE",
        headers: { authorization: "Bot local" },
      },
    );
    expect(removed.status).toBe(204);

    for (const route of managerRoutes(g.guildId)) {
      const response = await call(route, { cookie, "x-csrf-token": csrf });
      expect(response.status, `${route.method} ${route.path}`).toBe(403);
    }
  });

  it("refuses Approve and Discard of a request not waiting for a decision, or of another server's", async () => {
    const { cookie, csrf } = await loginAs(env.bot.url, g.ownerId);
    const { data, envelope } = env.bot.services;
    const seed = (guild: string, requestId: string) =>
      createRecord(
        { data, envelope, clock: systemClock },
        guild,
        {
          requestId,
          kind: "change",
          status: "discarded",
          requestedBy: g.ownerId,
          preset: "manual",
          rounds: 1,
          tokens: { prompt: 1, completion: 1 },
        },
        "Greet strangers a little more warmly",
      );
    await seed(g.guildId, "se_01JZ0000000000000000000002");
    await seed(MEMBER_GUILD, "se_01JZ0000000000000000000003");
    const decide = (requestId: string, kind: string) =>
      call(
        { method: "POST", path: `/api/guilds/${g.guildId}/selfedits/${requestId}/${kind}`, body: {} },
        { cookie, "x-csrf-token": csrf },
      );

    const approve = await decide("se_01JZ0000000000000000000002", "approve");
    const elsewhere = await decide("se_01JZ0000000000000000000003", "discard");

    expect(approve.status).toBe(409);
    expect(((await approve.json()) as { error: string }).error).toBe(
      "Self-edit `se_01JZ0000000000000000000002` was already discarded, so there is nothing to approve.",
    );
    expect(elsewhere.status).toBe(404);
  });

  it("turns a plugin off with the same history and refusals as /plugins", async () => {
    const { cookie, csrf } = await loginAs(env.bot.url, g.ownerId);
    const headers = { cookie, "x-csrf-token": csrf };

    const off = await call(
      { method: "POST", path: `/api/guilds/${g.guildId}/plugins/knowledge`, body: { enabled: false } },
      headers,
    );
    const core = await call(
      { method: "POST", path: `/api/guilds/${g.guildId}/plugins/privacy`, body: { enabled: false } },
      headers,
    );
    const list = (await (
      await call({ method: "GET", path: `/api/guilds/${g.guildId}/plugins` }, headers)
    ).json()) as {
      plugins: { id: string; enabled: boolean }[];
      history: { plugin: string; enabled: boolean; by: string }[];
    };

    expect(off.status).toBe(200);
    expect(core.status).toBe(400);
    expect(((await core.json()) as { error: string }).error).toBe(
      "`privacy` is a core plugin and is always on.",
    );
    expect(list.plugins.find((plugin) => plugin.id === "knowledge")?.enabled).toBe(false);
    expect(list.history[0]).toMatchObject({ plugin: "knowledge", enabled: false, by: `user:${g.ownerId}` });
  });

  it("exports a member's own data as a JSON download", async () => {
    const { cookie } = await loginAs(env.bot.url, g.memberId);

    const response = await call({ method: "GET", path: `/api/guilds/${g.guildId}/me/export` }, { cookie });

    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="megawatts-export-/);
    expect(await response.json()).toMatchObject({ guild: g.guildId, user: g.memberId });
  });

  it("logs out: the session no longer opens anything", async () => {
    const { cookie, csrf } = await loginAs(env.bot.url, g.ownerId);

    const out = await call({ method: "POST", path: "/api/auth/logout" }, { cookie, "x-csrf-token": csrf });
    const after = await call({ method: "GET", path: "/api/guilds" }, { cookie });

    expect(out.status).toBe(200);
    expect(after.status).toBe(401);
  });
});
