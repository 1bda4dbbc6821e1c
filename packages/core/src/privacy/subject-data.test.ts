import { fakePorts } from "@megawatts/testing/ports";
import { describe, expect, it } from "vitest";
import { DAY_MS } from "../data/data-class.ts";
import { runTierMaintenance } from "../data/maintenance.ts";
import { rememberMessage } from "../memory/remember-message.ts";
import { eraseSubjectData } from "./erase-subject.ts";
import { exportSubjectData } from "./export-subject.ts";
import { writeHotEntry } from "./hot-entries.ts";
import { rememberPreference, setRememberPreference } from "./preferences.ts";
import { type SubjectDataSource, subjectDataSources } from "./sources.ts";

const GUILD = "81384788765712384";
const OTHER_GUILD = "175928847299117063";
const ALICE = "80351110224678912";
const BOB = "80351110224678913";
const CHANNEL = "81384788765712385";

async function remember(services: ReturnType<typeof fakePorts>, guild: string, author: string, id: string) {
  const deps = { ...services, clock: services.clock };
  const message = { guild, channelId: CHANNEL, messageId: id, authorId: author, attachments: [] };
  await rememberMessage(deps, { ...message, content: `${author} says ${id}`, postedAt: 0, requestedBy: BOB });
}

/** Alice in every tier of GUILD (a cold batch she shares with Bob), and a message in OTHER_GUILD. */
async function planted() {
  const services = fakePorts();
  await remember(services, GUILD, ALICE, "1200000000000000001");
  await remember(services, GUILD, BOB, "1200000000000000002");
  services.clock.advance(40 * DAY_MS);
  await runTierMaintenance(services.data.deps);
  await remember(services, GUILD, ALICE, "1200000000000000003");
  await remember(services, OTHER_GUILD, ALICE, "1200000000000000004");
  const context = { turns: [{ role: "user", text: "alice's question" }] };
  const ctx = { tenant: GUILD, subject: ALICE, cls: "conversation-context", data: context };
  await writeHotEntry(services, { ...ctx, name: `ctx:${CHANNEL}:${ALICE}` });
  return { services, deps: { ...services, clock: services.clock }, sources: subjectDataSources(services) };
}

const request = (user = ALICE, guild = GUILD) => ({ guild, user, actor: `user:${user}` });
const bySource = (doc: { sources: { name: string; count: number }[] }) =>
  Object.fromEntries(doc.sources.map((source) => [source.name, source.count]));

describe("exportSubjectData", () => {
  it("gathers the member's items from every tier with sealed fields opened", async () => {
    const { deps, sources } = await planted();

    const doc = await exportSubjectData(deps, sources, request());

    expect(bySource(doc)).toEqual({ warm: 1, cold: 1, hot: 1, keys: 1 });
    const text = JSON.stringify(doc);
    expect(text).toContain(`${ALICE} says 1200000000000000001`);
    expect(text).toContain(`${ALICE} says 1200000000000000003`);
    expect(text).toContain("alice's question");
  });

  it("contains nothing from another guild or about another member", async () => {
    const { deps, sources } = await planted();

    const text = JSON.stringify(await exportSubjectData(deps, sources, request()));

    expect(text).not.toContain("1200000000000000004");
    expect(text).not.toContain(`${BOB} says`);
  });

  it("records the export in the audit log with a count and no content", async () => {
    const { services, deps, sources } = await planted();

    await exportSubjectData(deps, sources, request());

    const { items } = await services.data.audit.query(GUILD, { from: 0, to: services.clock.now() });
    const exported = items.filter((record) => record.action === "privacy.exported");
    expect(exported).toEqual([expect.objectContaining({ subject: ALICE, count: 4, actor: `user:${ALICE}` })]);
  });
});

describe("eraseSubjectData", () => {
  it("leaves nothing of the member in any tier of the guild and shreds their key", async () => {
    const { services, deps, sources } = await planted();

    const report = await eraseSubjectData(deps, sources, request());

    expect(report.sources.map(({ name, removed }) => [name, removed])).toEqual([
      ["warm", 1],
      ["cold", 1],
      ["hot", 1],
      ["keys", 1],
    ]);
    expect(bySource(await exportSubjectData(deps, sources, request()))).toEqual({
      warm: 0,
      cold: 0,
      hot: 0,
      keys: 0,
    });
    expect(await services.subjectKeys.get(GUILD, ALICE)).toBeUndefined();
  });

  it("leaves other members and other guilds untouched", async () => {
    const { deps, sources } = await planted();

    await eraseSubjectData(deps, sources, request());

    expect(JSON.stringify(await exportSubjectData(deps, sources, request(BOB)))).toContain(`${BOB} says`);
    expect(bySource(await exportSubjectData(deps, sources, request(ALICE, OTHER_GUILD)))).toMatchObject({
      warm: 1,
    });
  });

  it("keeps only the opt-out preference of a member who objected to being remembered", async () => {
    const { services, deps, sources } = await planted();
    await setRememberPreference(deps, { guild: GUILD, user: ALICE, remember: false, actor: `user:${ALICE}` });

    const report = await eraseSubjectData(deps, sources, request());

    expect(report.sources[0]).toMatchObject({ name: "warm", removed: 1, kept: 1 });
    expect(await rememberPreference(services.data.documents, GUILD, ALICE)).toEqual({ remember: false });
  });

  it("shreds the key after every other source, even when the key source is listed first", async () => {
    const order: string[] = [];
    const source = (name: string, tier: SubjectDataSource["tier"]): SubjectDataSource => ({
      name,
      tier,
      export: async () => ({ items: [] }),
      erase: async () => {
        order.push(name);
        return { removed: 0 };
      },
    });
    const { deps } = await planted();

    await eraseSubjectData(
      deps,
      [source("keys", "keys"), source("warm", "warm"), source("vectors", "index")],
      request(),
    );

    expect(order).toEqual(["warm", "vectors", "keys"]);
  });

  it("stops before shredding the key when a source fails, so a retry can finish", async () => {
    const { services, deps, sources } = await planted();
    const [warm, cold, ...rest] = sources;
    if (!warm || !cold) throw new Error("the built-in sources changed");
    const failing: SubjectDataSource = { ...cold, erase: () => Promise.reject(new Error("S3 is down")) };

    const erasing = eraseSubjectData(deps, [warm, failing, ...rest], request());

    await expect(erasing).rejects.toThrow("S3 is down");
    expect(await services.subjectKeys.get(GUILD, ALICE)).toBeDefined();
  });

  it("records the erasure in the audit log with a count and no content", async () => {
    const { services, deps, sources } = await planted();

    await eraseSubjectData(deps, sources, { ...request(), reference: "1300000000000000001" });

    const { items } = await services.data.audit.query(GUILD, { from: 0, to: services.clock.now() });
    const erased = items.filter((record) => record.action === "privacy.erased");
    expect(erased).toEqual([
      expect.objectContaining({ subject: ALICE, count: 4, reference: "1300000000000000001" }),
    ]);
    expect(JSON.stringify(items)).not.toContain("says");
  });
});
