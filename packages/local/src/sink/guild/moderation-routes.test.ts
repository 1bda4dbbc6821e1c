import { type APIAuditLog, type APIChannel, AuditLogEvent, Routes } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { LOCAL_GUILD as G } from "./index.ts";
import { refusalOf, useGuildSink } from "./test-kit.ts";

const local = useGuildSink();
const codeOf = async (call: Promise<unknown>) => (await refusalOf(call)).code;

const dm = async (userId: string) =>
  (await local.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;

describe("the sink's direct messages", () => {
  it("delivers to a member who accepts them", async () => {
    const channel = await dm(G.memberId);
    await local.rest.post(Routes.channelMessages(channel.id), { body: { content: "You have been warned" } });

    expect(local.sink.dms(G.memberId).map((message) => message.content)).toEqual(["You have been warned"]);
  });

  it("answers 50007 for a member who turned direct messages off, and 10013 for an unknown user", async () => {
    const channel = await dm(G.otherMemberId);

    expect(
      await codeOf(local.rest.post(Routes.channelMessages(channel.id), { body: { content: "hi" } })),
    ).toBe(50007);
    expect(await codeOf(dm("1999999999999999999"))).toBe(10013);
  });
});

describe("the sink's audit log and bans", () => {
  it("names the person who acted in Discord's UI, filters by user and pages before an entry", async () => {
    await local.rest.put(Routes.guildBan(G.guildId, G.memberId), { reason: "by the bot" });
    const human = local.sink.act(G.guildId, {
      as: G.adminId,
      action: "kick",
      target: G.otherMemberId,
      reason: "Raid",
    });

    const all = (await local.rest.get(Routes.guildAuditLog(G.guildId))) as APIAuditLog;
    expect(all.audit_log_entries.map((entry) => [entry.action_type, entry.user_id])).toEqual([
      [AuditLogEvent.MemberKick, G.adminId],
      [AuditLogEvent.MemberBanAdd, G.botId],
    ]);
    const query = new URLSearchParams({ user_id: G.adminId });
    const byAdmin = (await local.rest.get(Routes.guildAuditLog(G.guildId), { query })) as APIAuditLog;
    expect(byAdmin.audit_log_entries.map((entry) => entry.id)).toEqual([human]);
    const older = (await local.rest.get(Routes.guildAuditLog(G.guildId), {
      query: new URLSearchParams({ before: human }),
    })) as APIAuditLog;
    expect(older.audit_log_entries.map((entry) => entry.action_type)).toEqual([AuditLogEvent.MemberBanAdd]);
  });

  it("answers 10026 Unknown Ban when lifting a ban that is not there", async () => {
    expect(await codeOf(local.rest.delete(Routes.guildBan(G.guildId, G.memberId)))).toBe(10026);
  });

  it("acts for a person over HTTP, refusing one without the permission", async () => {
    const base = local.sink.url.replace(/\/api\/v10$/, "");
    const act = (body: unknown) =>
      fetch(`${base}/_sink/guilds/${G.guildId}/act`, { method: "POST", body: JSON.stringify(body) });

    expect((await act({ as: G.memberId, action: "ban", target: G.otherMemberId })).status).toBe(400);
    const done = await act({ as: G.adminId, action: "ban", target: G.otherMemberId });
    expect(done.status).toBe(200);
    expect(local.sink.guild(G.guildId)?.bans.map((ban) => ban.user.id)).toEqual([G.otherMemberId]);
  });
});
