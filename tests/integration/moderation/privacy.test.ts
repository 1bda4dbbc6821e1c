import { eraseSubjectData, exportSubjectData, subjectDataSources } from "@megawatts/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { G, type ModerationHarness, moderationHarness } from "./harness.ts";

let h: ModerationHarness;
beforeEach(async () => {
  h = await moderationHarness();
});
afterEach(async () => {
  await h.close();
});

const request = { guild: G.guildId, user: G.memberId, actor: `user:${G.memberId}` };
const show = async (number: number) =>
  JSON.stringify((await h.command(G.moderatorId, "case", { number }, ["show"])).sent.at(-1)?.embeds);

describe("a member with cases", () => {
  it("finds their cases in their export, reasons opened", async () => {
    await h.command(G.moderatorId, "warn", { member: G.memberId, reason: "Spam in #general" });

    const exported = await exportSubjectData(h.ports, subjectDataSources(h.ports), request);

    const warm = exported.sources.find((source) => source.name === "warm");
    const cases = (warm?.items ?? []) as { cls: string; data: { action: string; reason: string } }[];
    expect(cases.filter((item) => item.cls === "moderation-case").map((item) => item.data)).toEqual([
      expect.objectContaining({ action: "warn", reason: "Spam in #general", targetId: G.memberId }),
    ]);
  });

  it("keeps each case with its number, action and ids when erased, but its reason can never be read again", async () => {
    await h.command(G.moderatorId, "warn", { member: G.memberId, reason: "Spam in #general" });
    await h.command(G.moderatorId, "case", { number: 1, text: "Spam, twice" }, ["reason"]);
    await h.command(G.moderatorId, "warn", { member: G.otherMemberId, reason: "Someone else" });

    const erased = await eraseSubjectData(h.ports, subjectDataSources(h.ports), request);

    expect(erased.sources.find((source) => source.name === "warm")).toMatchObject({ kept: 2 });
    const first = await show(1);
    expect(first).toContain("Case #1 · Warn");
    expect(first).toContain(`<@${G.memberId}>`);
    expect(first).toContain("*erased with the member's data*");
    expect(first).not.toContain("Spam");
    expect(await show(2)).toContain("Someone else");
    const again = await exportSubjectData(h.ports, subjectDataSources(h.ports), request);
    expect(JSON.stringify(again)).not.toContain("Spam");
  });
});
