import { DiscordAPIError, type REST } from "@discordjs/rest";
import { createDiscordRest } from "@megawatts/discord/rest";
import { type APIMessage, type APIThreadChannel, ChannelType, Routes } from "discord-api-types/v10";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DiscordSink, startDiscordSink } from "../../discord-sink.ts";
import { DEFAULT_GUILD_FIXTURE, LOCAL_GUILD as G } from "./index.ts";

let sink: DiscordSink;
let rest: REST;

beforeEach(async () => {
  sink = await startDiscordSink({ port: 0, guilds: [DEFAULT_GUILD_FIXTURE] });
  rest = createDiscordRest({ apiUrl: sink.url, token: "local" });
});
afterEach(() => sink.close());

async function codeOf(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  return { status: (error as DiscordAPIError).status, code: (error as DiscordAPIError).code };
}

/** A member posts, as the sink's `POST /_sink/channels/{id}/messages` lets tests and the CLI do. */
async function say(channelId: string, authorId: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${new URL(sink.url).origin}/_sink/channels/${channelId}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ author_id: authorId, content: `from ${authorId}`, ...extra }),
  });
  return { status: response.status, body: (await response.json()) as APIMessage & { code?: number } };
}

const privateThread = () =>
  rest.post(Routes.threads(G.generalId), {
    body: { name: "ticket", type: ChannelType.PrivateThread, invitable: false },
  }) as Promise<APIThreadChannel>;

describe("the sink's threads", () => {
  it("keeps a private thread to its members: a member joins only when added or mentioned", async () => {
    const thread = await privateThread();

    expect((await say(thread.id, G.memberId)).status).toBe(403);
    await rest.put(Routes.threadMembers(thread.id, G.memberId));
    await rest.post(Routes.channelMessages(thread.id), {
      body: {
        content: `<@&${G.roles.moderator}> please help`,
        allowed_mentions: { roles: [G.roles.moderator] },
      },
    });

    expect((await say(thread.id, G.memberId)).status).toBe(201);
    expect((await say(thread.id, G.moderatorId)).status).toBe(201);
    expect((await say(thread.id, G.otherMemberId)).status).toBe(403);
    const members = (await rest.get(Routes.threadMembers(thread.id))) as { user_id: string }[];
    expect(members.map((member) => member.user_id).sort()).toEqual(
      [G.botId, G.memberId, G.moderatorId].sort(),
    );
  });

  it("stores attachments and embeds, and pages messages with before and at most 100", async () => {
    const thread = await privateThread();
    await rest.put(Routes.threadMembers(thread.id, G.memberId));
    for (let index = 0; index < 3; index += 1) await say(thread.id, G.memberId);
    await say(thread.id, G.memberId, {
      attachments: [{ filename: "screenshot.png", size: 10 }],
      embeds: [{ title: "Link preview" }],
    });

    const newest = (await rest.get(Routes.channelMessages(thread.id), {
      query: new URLSearchParams({ limit: "2" }),
    })) as APIMessage[];
    const older = (await rest.get(Routes.channelMessages(thread.id), {
      query: new URLSearchParams({ limit: "100", before: newest.at(-1)?.id ?? "" }),
    })) as APIMessage[];

    expect(newest[0]?.attachments[0]).toMatchObject({ filename: "screenshot.png" });
    expect(newest[0]?.attachments[0]?.url).toMatch(/^https:\/\/cdn\.discordapp\.com\/attachments\//);
    expect(newest[0]?.embeds).toEqual([{ title: "Link preview" }]);
    expect(newest.length + older.length).toBe(4);
    expect(
      await codeOf(
        rest.get(Routes.channelMessages(thread.id), { query: new URLSearchParams({ limit: "101" }) }),
      ),
    ).toEqual({ status: 400, code: 50035 });
  });

  it("archives and locks a thread: members can no longer post, and nobody can be added", async () => {
    const thread = await privateThread();
    await rest.put(Routes.threadMembers(thread.id, G.memberId));

    const closed = (await rest.patch(Routes.channel(thread.id), {
      body: { archived: true, locked: true },
    })) as APIThreadChannel;

    expect(closed.thread_metadata).toMatchObject({ archived: true, locked: true });
    expect((await say(thread.id, G.memberId)).body.code).toBe(160005);
    expect(await codeOf(rest.put(Routes.threadMembers(thread.id, G.otherMemberId)))).toEqual({
      status: 400,
      code: 50083,
    });
  });

  it("refuses a private thread when the bot lacks Create Private Threads in the channel", async () => {
    await rest.put(Routes.channelPermission(G.generalId, G.roles.bot), {
      body: { type: 0, deny: String(1n << 36n) },
    });

    expect(await codeOf(privateThread())).toEqual({ status: 403, code: 50013 });
  });
});
