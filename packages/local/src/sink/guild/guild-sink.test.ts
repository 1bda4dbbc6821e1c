import { DiscordAPIError, type REST } from "@discordjs/rest";
import { createDiscordRest } from "@megawatts/discord/rest";
import { type APIMessage, type APIRole, Routes } from "discord-api-types/v10";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DiscordSink, startDiscordSink } from "../../discord-sink.ts";
import { DEFAULT_GUILD_FIXTURE, LOCAL_GUILD as G } from "./index.ts";

let sink: DiscordSink;
let rest: REST;

async function start(options: Parameters<typeof startDiscordSink>[0] = {}) {
  sink = await startDiscordSink({ port: 0, guilds: [DEFAULT_GUILD_FIXTURE], ...options });
  rest = createDiscordRest({ apiUrl: sink.url, token: "local" });
}

async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  const { status, code } = error as DiscordAPIError;
  return { status, code };
}

describe("the sink's stateful guild", () => {
  beforeEach(() => start());
  afterEach(() => sink.close());

  it("creates a role, assigns it, and records both in the audit log with the reason", async () => {
    const role = (await rest.post(Routes.guildRoles(G.guildId), {
      body: { name: "Helpers" },
      reason: "asked by 11",
    })) as APIRole;
    await rest.put(Routes.guildMemberRole(G.guildId, G.memberId, role.id), { reason: "asked by 11" });

    const state = sink.guild(G.guildId);
    expect(state?.members.find((member) => member.user.id === G.memberId)?.roles).toContain(role.id);
    expect(state?.audit_log.map((entry) => [entry.action_type, entry.target_id, entry.reason])).toEqual([
      [30, role.id, "asked by 11"],
      [25, G.memberId, "asked by 11"],
    ]);
  });

  it("refuses a role at or above the bot's highest role with 403 Missing Permissions", async () => {
    expect(await refusal(rest.put(Routes.guildMemberRole(G.guildId, G.memberId, G.roles.admin)))).toEqual({
      status: 403,
      code: 50013,
    });
    expect(await refusal(rest.put(Routes.guildMemberRole(G.guildId, G.memberId, G.roles.bot)))).toEqual({
      status: 403,
      code: 50013,
    });
  });

  it("refuses to kick the owner and answers 404 with Discord's codes for unknown ids", async () => {
    expect(await refusal(rest.delete(Routes.guildMember(G.guildId, G.ownerId)))).toEqual({
      status: 403,
      code: 50013,
    });
    expect(await refusal(rest.delete(Routes.guildRole(G.guildId, "1100000000000009999")))).toEqual({
      status: 404,
      code: 10011,
    });
    expect(await refusal(rest.get(Routes.channelMessage(G.generalId, "1100000000000009999")))).toEqual({
      status: 404,
      code: 10008,
    });
  });

  it("applies channel overwrites to the bot: no managing messages in the staff channel", async () => {
    const messages = (await rest.get(Routes.channelMessages(G.staffId))) as APIMessage[];
    const [first] = messages;
    expect(await refusal(rest.delete(Routes.channelMessage(G.staffId, first?.id ?? "")))).toEqual({
      status: 403,
      code: 50013,
    });
  });

  it("lets the bot edit its own message without Manage Messages, and never someone else's (50005)", async () => {
    const own = (await rest.post(Routes.channelMessages(G.staffId), {
      body: { content: "Shift plan" },
    })) as APIMessage;
    const edited = (await rest.patch(Routes.channelMessage(G.staffId, own.id), {
      body: { content: "Shift plan v2" },
    })) as APIMessage;
    expect([edited.content, typeof edited.edited_timestamp]).toEqual(["Shift plan v2", "string"]);

    const theirs = sink
      .guild(G.guildId)
      ?.messages[G.staffId]?.find((message) => message.author.id !== G.botId);
    expect(
      await refusal(
        rest.patch(Routes.channelMessage(G.staffId, theirs?.id ?? ""), { body: { content: "x" } }),
      ),
    ).toEqual({ status: 403, code: 50005 });
  });

  it("refuses a bulk delete that includes a message older than 14 days", async () => {
    const messages = (await rest.get(Routes.channelMessages(G.generalId), {
      query: new URLSearchParams({ limit: "100" }),
    })) as APIMessage[];
    const ids = messages.map((message) => message.id);
    expect(
      await refusal(rest.post(Routes.channelBulkDelete(G.generalId), { body: { messages: ids } })),
    ).toEqual({ status: 400, code: 50034 });
    expect(sink.guild(G.guildId)?.messages[G.generalId]).toHaveLength(ids.length);
  });

  it("locks a channel through an @everyone overwrite", async () => {
    await rest.put(Routes.channelPermission(G.generalId, G.guildId), {
      body: { type: 0, allow: "0", deny: "2048" },
    });
    const channel = sink.guild(G.guildId)?.channels.find((candidate) => candidate.id === G.generalId);
    expect(channel?.permission_overwrites).toContainEqual({
      id: G.guildId,
      type: 0,
      allow: "0",
      deny: "2048",
    });
  });
});

describe("the sink's rate limits on request", () => {
  afterEach(() => sink.close());

  it("answers every n-th request with 429 and retry_after, which the REST client waits out", async () => {
    await start({ guildOptions: { rateLimitEvery: 2 } });
    const first = await rest.get(Routes.guildRoles(G.guildId));
    const second = await rest.get(Routes.guildRoles(G.guildId));
    expect(second).toEqual(first);
    expect(sink.events().filter((event) => event.status === 429)).toHaveLength(1);
  });
});
