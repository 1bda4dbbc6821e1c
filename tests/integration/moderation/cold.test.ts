import {
  BlobArchivedError,
  type BlobStore,
  eraseSubjectData,
  exportSubjectData,
  findSubjectItems,
  itemKeys,
  migrateTenant,
  readColdItems,
  subjectDataSources,
} from "@megawatts/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DAY, type DataFixture, dataFixture } from "../data-fixtures.ts";
import { buttonsOf, G, lastText, type ModerationHarness, moderationHarness } from "./harness.ts";

let fx: DataFixture;
let h: ModerationHarness;
/** When set, cold objects answer as S3 does for Glacier: restore first. */
let glacier = false;
beforeEach(async () => {
  fx = await dataFixture("mod-cold");
  glacier = false;
  const s3 = fx.blobs;
  const blobs: BlobStore = {
    put: (key, bytes, options) => s3.put(key, bytes, options),
    get: (key) => (glacier ? Promise.reject(new BlobArchivedError(key)) : s3.get(key)),
    list: (prefix, options) => s3.list(prefix, options),
    delete: (key) => s3.delete(key),
  };
  h = await moderationHarness({ tiers: { store: fx.store, blobs, clock: fx.clock } });
});
afterEach(async () => {
  await h.close();
  fx.clients.destroy();
});

const warn = (target: string, reason: string) => h.command(G.moderatorId, "warn", { member: target, reason });
const show = async (number: number) =>
  JSON.stringify((await h.command(G.moderatorId, "case", { number }, ["show"])).sent.at(-1)?.embeds);
const caseKey = (number: number) => itemKeys.moderationCase(G.guildId, String(number).padStart(10, "0"));
const isWarm = async (number: number) =>
  (await fx.store.get(caseKey(number), { consistent: true })) !== undefined;
/** The case keys of the member's that the cold tier holds. */
const coldCases = async (userId: string) =>
  (await findSubjectItems(h.ports.data.deps, G.guildId, userId)).cold
    .flatMap((holding) => holding.sks)
    .filter((sk) => /^CASE#\d{10}$/.test(sk))
    .sort();

/** Moves everything older than its class's warm period to the cold tier, 181 days on. */
async function ageIntoCold() {
  fx.clock.advance(181 * DAY);
  await migrateTenant(h.ports.data.deps, G.guildId);
}

describe("cases in the cold tier (DynamoDB Local and the S3 stand-in)", () => {
  it("shows and lists a case after it moved cold, without bringing it back warm", async () => {
    for (let index = 1; index <= 3; index += 1) await warn(G.memberId, `old warning ${index}`);
    await h.command(G.moderatorId, "case", { number: 1, text: "Spam, twice" }, ["reason"]);
    fx.clock.advance(DAY);
    await ageIntoCold();
    for (let index = 4; index <= 7; index += 1) await warn(G.memberId, `new warning ${index}`);
    expect(await coldCases(G.memberId)).toEqual([caseKey(1).sk, caseKey(2).sk, caseKey(3).sk]);

    const first = await show(1);
    expect(first).toContain("Case #1 · Warn");
    expect(first).toContain("Spam, twice");
    expect(first).toContain("old warning 1");
    expect(await isWarm(1)).toBe(false);

    const page = await h.command(G.moderatorId, "cases", { user: G.memberId });
    expect(lastText(page.sent).match(/\*\*#\d+\*\*/g)).toEqual([
      "**#7**",
      "**#6**",
      "**#5**",
      "**#4**",
      "**#3**",
    ]);
    const [, next = ""] = buttonsOf(page.sent);
    const second = await h.press(G.moderatorId, next);
    expect(lastText(second.sent).match(/\*\*#\d+\*\*/g)).toEqual(["**#2**", "**#1**"]);
    expect(lastText(second.sent)).toContain("old warning 2");
    expect(await coldCases(G.memberId)).toHaveLength(3);
  });

  it("brings a cold case back warm for /case reason, keeps every earlier reason, and lets it age out again", async () => {
    await warn(G.memberId, "Spam in #general");
    await h.command(G.moderatorId, "case", { number: 1, text: "Spam, twice" }, ["reason"]);
    await ageIntoCold();
    expect(await isWarm(1)).toBe(false);

    const edited = await h.command(G.moderatorId, "case", { number: 1, text: "Spam, three times" }, [
      "reason",
    ]);

    expect(lastText(edited.sent)).toContain("Case #1 has a new reason");
    expect(await isWarm(1)).toBe(true);
    expect(await coldCases(G.memberId)).toEqual([]);
    const shown = await show(1);
    expect(shown).toContain("Spam, three times");
    expect(shown).toContain("Spam in #general");
    expect(shown).toContain("Spam, twice");

    // Cases move by age: the next tier run takes it back to the cold tier, new reason and all.
    fx.clock.advance(DAY);
    await migrateTenant(h.ports.data.deps, G.guildId);
    expect(await isWarm(1)).toBe(false);
    expect(await show(1)).toContain("Spam, three times");
  });

  it("keeps an erased member's cold case with its number, action and ids, its reason unreadable", async () => {
    await warn(G.memberId, "Spam in #general");
    await warn(G.otherMemberId, "Someone else");
    await ageIntoCold();
    expect(await coldCases(G.memberId)).toEqual([caseKey(1).sk]);
    const request = { guild: G.guildId, user: G.memberId, actor: `user:${G.memberId}` };

    const erased = await eraseSubjectData(h.ports, subjectDataSources(h.ports), request);

    expect(erased.sources.find((source) => source.name === "cold")).toMatchObject({ kept: 1 });
    const [holding] = (await findSubjectItems(h.ports.data.deps, G.guildId, G.memberId)).cold;
    const [stored] = holding ? await readColdItems(h.ports.data.deps, holding.batch, [caseKey(1).sk]) : [];
    expect(stored?.data).toMatchObject({
      number: 1,
      action: "warn",
      targetId: G.memberId,
      moderatorId: G.moderatorId,
    });
    const first = await show(1);
    expect(first).toContain("Case #1 · Warn");
    expect(first).toContain(`<@${G.memberId}>`);
    expect(first).toContain("*erased with the member's data*");
    expect(first).not.toContain("Spam");
    expect(await show(2)).toContain("Someone else");
    const exported = await exportSubjectData(h.ports, subjectDataSources(h.ports), request);
    expect(JSON.stringify(exported)).toContain(`"targetId":"${G.memberId}"`);
    expect(JSON.stringify(exported)).not.toContain("Spam");
  });

  it("says so in a sentence when a case's batch is in the archive tier, and lists the readable ones", async () => {
    await warn(G.memberId, "Spam in #general");
    await ageIntoCold();
    await warn(G.memberId, "Links again");
    glacier = true;

    const shown = await h.command(G.moderatorId, "case", { number: 1 }, ["show"]);
    expect(lastText(shown.sent)).toContain("That case is in the archive tier (Glacier)");
    const edited = await h.command(G.moderatorId, "case", { number: 1, text: "New" }, ["reason"]);
    expect(lastText(edited.sent)).toContain("cannot be read or changed until the operator restores it");
    expect(await isWarm(1)).toBe(false);
    const listed = lastText((await h.command(G.moderatorId, "cases", { user: G.memberId })).sent);
    expect(listed.match(/\*\*#\d+\*\*/g)).toEqual(["**#2**"]);
    expect(listed).toContain("1 older case(s) are in the archive tier (Glacier) and not listed.");
  });
});
