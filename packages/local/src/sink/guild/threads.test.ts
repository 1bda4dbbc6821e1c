import { type APIMessage, type APIThreadChannel, ChannelType, Routes } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { LOCAL_GUILD as G } from "./index.ts";
import { refusalOf, useGuildSink } from "./test-kit.ts";

const local = useGuildSink();

/** A member posts, as the sink's `POST /_sink/channels/{id}/messages` lets tests and the CLI do. */
async function say(channelId: string, authorId: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${new URL(local.sink.url).origin}/_sink/channels/${channelId}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ author_id: authorId, content: `from ${authorId}`, ...extra }),
  });
  return { status: response.status, body: (await response.json()) as APIMessage & { code?: number } };
}

const privateThread = () =>
  local.rest.post(Routes.threads(G.generalId), {
    body: { name: "ticket", type: ChannelType.PrivateThread, invitable: false },
  }) as Promise<APIThreadChannel>;

describe("the sink's threads", () => {
  it("keeps a private thread to its members: a member joins only when added or mentioned", async () => {
    const thread = await privateThread();

    expect((await say(thread.id, G.memberId)).status).toBe(403);
    await local.rest.put(Routes.threadMembers(thread.id, G.memberId));
    await local.rest.post(Routes.channelMessages(thread.id), {
      body: {
        content: `<@&${G.roles.moderator}> please help`,
        allowed_mentions: { roles: [G.roles.moderator] },
      },
    });

    expect((await say(thread.id, G.memberId)).status).toBe(201);
    expect((await say(thread.id, G.moderatorId)).status).toBe(201);
    expect((await say(thread.id, G.otherMemberId)).status).toBe(403);
    const members = (await local.rest.get(Routes.threadMembers(thread.id))) as { user_id: string }[];
    expect(members.map((member) => member.user_id).sort()).toEqual(
      [G.botId, G.memberId, G.moderatorId].sort(),
    );
  });

  it("stores attachments and embeds, and pages messages with before and at most 100", async () => {
    const thread = await privateThread();
    await local.rest.put(Routes.threadMembers(thread.id, G.memberId));
    for (let index = 0; index < 3; index += 1) await say(thread.id, G.memberId);
    await say(thread.id, G.memberId, {
      attachments: [{ filename: "screenshot.png", size: 10 }],
      embeds: [{ title: "Link preview" }],
    });

    const newest = (await local.rest.get(Routes.channelMessages(thread.id), {
      query: new URLSearchParams({ limit: "2" }),
    })) as APIMessage[];
    const older = (await local.rest.get(Routes.channelMessages(thread.id), {
      query: new URLSearchParams({ limit: "100", before: newest.at(-1)?.id ?? "" }),
    })) as APIMessage[];

    expect(newest[0]?.attachments[0]).toMatchObject({ filename: "screenshot.png" });
    expect(newest[0]?.attachments[0]?.url).toMatch(/^https:\/\/cdn\.discordapp\.com\/attachments\//);
    expect(newest[0]?.embeds).toEqual([{ title: "Link preview" }]);
    expect(newest.length + older.length).toBe(4);
    expect(
      await refusalOf(
        local.rest.get(Routes.channelMessages(thread.id), { query: new URLSearchParams({ limit: "101" }) }),
      ),
    ).toMatchObject({ status: 400, code: 50035 });
  });

  it("archives and locks a thread: members can no longer post, and nobody can be added", async () => {
    const thread = await privateThread();
    await local.rest.put(Routes.threadMembers(thread.id, G.memberId));

    const closed = (await local.rest.patch(Routes.channel(thread.id), {
      body: { archived: true, locked: true },
    })) as APIThreadChannel;

    expect(closed.thread_metadata).toMatchObject({ archived: true, locked: true });
    expect((await say(thread.id, G.memberId)).body.code).toBe(160005);
    expect(await refusalOf(local.rest.put(Routes.threadMembers(thread.id, G.otherMemberId)))).toMatchObject({
      status: 400,
      code: 50083,
    });
  });

  it("refuses a private thread when the bot lacks Create Private Threads in the channel", async () => {
    await local.rest.put(Routes.channelPermission(G.generalId, G.roles.bot), {
      body: { type: 0, deny: String(1n << 36n) },
    });

    expect(await refusalOf(privateThread())).toMatchObject({ status: 403, code: 50013 });
  });
});
