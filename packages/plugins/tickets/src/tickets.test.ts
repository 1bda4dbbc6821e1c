import { eraseSubjectData, exportSubjectData, KeyShreddedError, subjectDataSources } from "@megawatts/core";
import { type FakePorts, fakeJobContext, fakePorts, jobHandler } from "@megawatts/testing/ports";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { actorOf, G, type ToolHarness, toolHarness } from "../../../discord/src/tools/test-kit.ts";
import { updateSettings } from "../../moderation/src/settings.ts";
import { loadTicket } from "./records.ts";
import { readTranscript } from "./transcript.ts";
import { ticketsWorker } from "./worker.ts";

const CANARY = "canary-ticket-7f3a: my order 1234 never arrived";
// Administrator for the admin; the others hold no server-wide management permission.
const PERMISSIONS: Record<string, string> = { [G.adminId]: "8" };
const NAMES: Record<string, string> = {
  [G.adminId]: "grace",
  [G.memberId]: "margaret",
  [G.moderatorId]: "linus",
};

let h: ToolHarness;
let ports: FakePorts;
beforeEach(async () => {
  h = await toolHarness();
  ports = fakePorts();
});
afterEach(() => h.close());

async function run(
  kind: string,
  userId: string,
  options: Record<string, string> = {},
  channelId: string = G.generalId,
) {
  const payload = {
    actor: actorOf(userId, channelId),
    permissions: PERMISSIONS[userId] ?? "0",
    username: NAMES[userId] ?? "someone",
    options,
  };
  const { context, responder } = fakeJobContext(kind, { guild: G.guildId, user: userId, payload });
  await jobHandler(ticketsWorker, { ...ports, serverTools: { executor: h.executor } }, kind)(context);
  const last = responder.sent.filter((sent) => sent.kind === "edit").at(-1)?.message;
  return { content: last?.content ?? "", files: last?.files ?? [], sent: responder.sent };
}

const setup = () =>
  run("tickets.setup", G.adminId, { staff_role: G.roles.moderator, log_channel: G.staffId });
const threadOf = (content: string) => /<#(\d+)>/.exec(content)?.[1] ?? "";

/** A member posts in the thread, as people do in Discord (the sink's member route). */
async function say(threadId: string, authorId: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${new URL(h.sink.url).origin}/_sink/channels/${threadId}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ author_id: authorId, content: CANARY, ...extra }),
  });
  expect(response.status).toBe(201);
}

function threadState(threadId: string) {
  return h.state()?.channels.find((channel) => channel.id === threadId) as
    | { type: number; member_count?: number; thread_metadata?: { archived: boolean; locked: boolean } }
    | undefined;
}

describe("/ticket", () => {
  it("opens a private thread with the member and the staff role, and refuses a second open ticket", async () => {
    await setup();

    const first = await run("tickets.open", G.memberId);
    const second = await run("tickets.open", G.memberId);

    const threadId = threadOf(first.content);
    expect(first.content).toContain("Your ticket is open");
    expect(threadState(threadId)).toMatchObject({ type: 12, member_count: 3 });
    expect(second.content).toContain(`You already have an open ticket: <#${threadId}>`);
  });

  it("gives two presses at the same moment one ticket between them", async () => {
    await setup();

    const replies = await Promise.all([run("tickets.open", G.memberId), run("tickets.open", G.memberId)]);

    const threads = h.state()?.channels.filter((channel) => channel.type === 12) ?? [];
    expect(threads).toHaveLength(1);
    expect(replies.filter((reply) => reply.content.includes("Your ticket is open"))).toHaveLength(1);
  });

  it("closes a ticket: archived and locked, transcript sealed in the cold tier, logged, readable by staff only", async () => {
    await setup();
    const threadId = threadOf((await run("tickets.open", G.memberId)).content);
    await say(threadId, G.memberId, { attachments: [{ filename: "receipt.pdf", size: 2048 }] });
    await say(threadId, G.moderatorId, {
      content: "Looking into it",
      embeds: [{ title: "Order status page" }],
    });

    const closed = await run("tickets.close", G.memberId, { reason: "resolved" }, threadId);
    const staff = await run("tickets.transcript", G.moderatorId, { id: `tk_${threadId}` });
    const member = await run("tickets.transcript", G.otherMemberId, { id: `tk_${threadId}` });

    expect(closed.content).toContain(`Ticket tk_${threadId} is closed`);
    expect(threadState(threadId)?.thread_metadata).toMatchObject({ archived: true, locked: true });
    const stored = [...ports.blobs.objects.entries()];
    expect(stored.map(([key]) => key).sort()).toEqual([
      `tickets/${G.guildId}/tk_${threadId}/transcript.html.sealed`,
      `tickets/${G.guildId}/tk_${threadId}/transcript.json.sealed`,
    ]);
    for (const [, blob] of stored)
      expect(new TextDecoder().decode(blob.bytes)).not.toContain("canary-ticket");
    const html = new TextDecoder().decode(staff.files[0]?.data);
    expect(html).toContain("canary-ticket-7f3a");
    expect(html).toMatch(/receipt\.pdf<\/a>/);
    expect(html).toContain("https://cdn.discordapp.com/attachments/");
    expect(html).toContain("Order status page");
    expect(html).toContain("resolved");
    expect(member.content).toContain("Only the staff");
    expect(member.files).toEqual([]);
    const log = h.state()?.messages[G.staffId]?.at(-1)?.content ?? "";
    expect(log).toContain(`Ticket tk_${threadId}`);
    expect(log).toContain("/ticket transcript id:");
  });

  it("logs a close in the mod log when tickets have no log channel of their own", async () => {
    await run("tickets.setup", G.adminId, { staff_role: G.roles.moderator });
    await updateSettings({ data: ports.data, clock: ports.clock }, G.guildId, { modLogChannelId: G.staffId });
    const threadId = threadOf((await run("tickets.open", G.memberId)).content);

    await run("tickets.close", G.moderatorId, { reason: "answered" }, threadId);

    expect(h.state()?.messages[G.staffId]?.at(-1)?.content).toContain(`Ticket tk_${threadId}`);
  });

  it("lets the member open a new ticket once the first is closed", async () => {
    await setup();
    const first = threadOf((await run("tickets.open", G.memberId)).content);
    await run("tickets.close", G.moderatorId, {}, first);

    const again = await run("tickets.open", G.memberId);

    expect(again.content).toContain("Your ticket is open");
    expect(threadOf(again.content)).not.toBe(first);
  });

  it("forgets a ticket whose thread someone deleted in Discord, so the member can open another", async () => {
    await setup();
    const first = threadOf((await run("tickets.open", G.memberId)).content);
    await h.rest.call({ method: "DELETE", route: `/channels/${first}` });

    const again = await run("tickets.open", G.memberId);
    const old = await run("tickets.transcript", G.moderatorId, { id: `tk_${first}` });

    expect(again.content).toContain("Your ticket is open");
    expect(old.content).toContain("has no transcript: its thread was deleted");
  });

  it("refuses to close outside a ticket, or for a member who did not open it, and setup without Manage Server", async () => {
    await setup();
    const threadId = threadOf((await run("tickets.open", G.memberId)).content);

    const outside = await run("tickets.close", G.memberId, {}, G.generalId);
    const stranger = await run("tickets.close", G.otherMemberId, {}, threadId);
    const notAdmin = await run("tickets.setup", G.moderatorId, { staff_role: G.roles.member });

    expect(outside.content).toContain("inside the thread of an open ticket");
    expect(stranger.content).toContain("Only the staff or the member who opened this ticket");
    expect(threadState(threadId)?.thread_metadata).toMatchObject({ archived: false, locked: false });
    expect(notAdmin.content).toContain("needs Manage Server");
  });

  it("says what the bot lacks when it may not make private threads, and lets the member try again", async () => {
    await setup();
    const overwrite: `/${string}` = `/channels/${G.generalId}/permissions/${G.roles.bot}`;
    await h.rest.call({ method: "PUT", route: overwrite, body: { type: 0, deny: String(1n << 36n) } });

    const refused = await run("tickets.open", G.memberId);
    await h.rest.call({ method: "DELETE", route: overwrite });
    const again = await run("tickets.open", G.memberId);

    expect(refused.content).toContain(
      "I need CreatePrivateThreads in <#1100000000000000003> to run thread_create_private.",
    );
    expect(again.content).toContain("Your ticket is open");
  });

  it("says so, in words the member sees, when tickets are not set up", async () => {
    await expect(run("tickets.open", G.memberId)).rejects.toThrow(
      "Tickets are not set up in this server yet: an admin can run /ticket setup.",
    );
  });
});

describe("a member's tickets under export and erasure", () => {
  it("are exported with the close reason opened, and erased with their transcript made unreadable", async () => {
    await setup();
    const threadId = threadOf((await run("tickets.open", G.memberId)).content);
    await say(threadId, G.memberId);
    await run("tickets.close", G.moderatorId, { reason: "duplicate of another ticket" }, threadId);
    const found = await loadTicket(ports.data, G.guildId, `tk_${threadId}`);
    const key = found?.ticket.transcript?.html ?? "";
    const subject = { guild: G.guildId, user: G.memberId, actor: `user:${G.memberId}`, reference: "test" };
    const sources = subjectDataSources(ports);

    const exported = await exportSubjectData({ data: ports.data, clock: ports.clock }, sources, subject);
    await eraseSubjectData({ data: ports.data, clock: ports.clock }, sources, subject);

    expect(JSON.stringify(exported)).toContain("duplicate of another ticket");
    expect(await loadTicket(ports.data, G.guildId, `tk_${threadId}`)).toBeUndefined();
    await expect(
      readTranscript(
        { blobs: ports.data.deps.blobs, envelope: ports.envelope },
        { guildId: G.guildId, openerId: G.memberId, key },
        "html",
      ),
    ).rejects.toBeInstanceOf(KeyShreddedError);
    expect((await run("tickets.transcript", G.moderatorId, { id: `tk_${threadId}` })).content).toContain(
      "There is no ticket",
    );
  });
});
