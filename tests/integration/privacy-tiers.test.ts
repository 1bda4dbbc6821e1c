import {
  decodeColdBatch,
  eraseSubjectData,
  exportSubjectData,
  KeyShreddedError,
  openFields,
  SealedSchema,
} from "@megawatts/core";
import { snowflake } from "@megawatts/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PrivacyFixture,
  plantEverywhere,
  privacyFixture,
  remember,
  scanBucket,
  scanRedis,
  scanTable,
} from "./privacy-fixtures.ts";

let fx: PrivacyFixture;
const request = (guild: string, user: string) => ({ guild, user, actor: `user:${user}` });
const counts = (doc: { sources: { name: string; count: number }[] }) =>
  Object.fromEntries(doc.sources.map((source) => [source.name, source.count]));

beforeAll(async () => {
  fx = await privacyFixture("privacy");
});

afterAll(() => fx?.clients.destroy());

/** How many raw records of each tier name `user` (audit records aside), read past every adapter. */
async function rawMentions(guild: string, user: string) {
  const names = (record: unknown) => JSON.stringify(record).includes(user);
  const table = (await scanTable(fx, fx.resources.tableName)).filter(
    (item) => names(item) && !JSON.stringify(item).includes(`"AUDIT#${guild}"`),
  );
  const keys = (await scanTable(fx, fx.resources.keyTableName)).filter(names);
  const objects = (await scanBucket(fx)).filter((object) => object.key.includes(`/${guild}/`));
  const cold = objects.flatMap((object) => object.items).filter((item) => item.subject === user);
  const redis = (await scanRedis(fx, guild)).filter((entry) => names(entry));
  return { table: table.length, keys: keys.length, cold: cold.length, redis: redis.length };
}

/** A fresh guild with alice in every tier beside bob; a canary marks alice's every text. */
async function scenario() {
  const ids = { guild: snowflake(), alice: snowflake(), bob: snowflake(), canary: `canary-${snowflake()}` };
  await plantEverywhere(fx, ids.guild, ids.alice, ids.bob, ids.canary);
  return ids;
}

describe("a member's export, against the local servers", () => {
  it("holds their data from the warm, cold and hot tiers, opened, and says their key exists", async () => {
    const { guild, alice, canary } = await scenario();

    const doc = await exportSubjectData(fx.deps, fx.sources, request(guild, alice));

    expect(counts(doc)).toEqual({ warm: 1, cold: 1, hot: 1, keys: 1 });
    const text = JSON.stringify(doc);
    for (const tier of ["warm", "cold", "hot"]) expect(text).toContain(`${canary}-${tier}`);
    expect(text).toContain(`${canary}-cold.png`);
  });

  it("holds nothing from another guild", async () => {
    const { guild, alice, canary } = await scenario();
    const otherGuild = snowflake();
    await remember(fx, otherGuild, alice, `${canary}-elsewhere`);

    const text = JSON.stringify(await exportSubjectData(fx.deps, fx.sources, request(guild, alice)));

    expect(text).not.toContain(`${canary}-elsewhere`);
    expect(text).not.toContain(otherGuild);
  });
});

describe("a member's erasure, against the local servers", () => {
  it("leaves nothing of theirs readable in any tier's raw contents, while the other member's stays readable", async () => {
    const { guild, alice, bob, canary } = await scenario();
    expect(await rawMentions(guild, alice)).toEqual({ table: 3, keys: 1, cold: 1, redis: 2 });

    await eraseSubjectData(fx.deps, fx.sources, request(guild, alice));

    // Only the audit log still names her: ids, actions and counts, among them the erasure.
    expect(await rawMentions(guild, alice)).toEqual({ table: 0, keys: 0, cold: 0, redis: 0 });
    const raw = [
      JSON.stringify(await scanTable(fx, fx.resources.tableName)),
      JSON.stringify(await scanTable(fx, fx.resources.keyTableName)),
      JSON.stringify(await scanRedis(fx, guild)),
      ...(await scanBucket(fx)).map((object) => object.bytes.toString("latin1")),
    ];
    for (const text of raw) expect(text).not.toContain(canary);
    const [bobsItem] = (await scanBucket(fx))
      .filter((o) => o.key.includes(`/${guild}/`))
      .flatMap((o) => o.items);
    expect(bobsItem?.subject).toBe(bob);
    const opened =
      bobsItem &&
      (await openFields(fx.services.envelope, fx.services.data.classes.get(bobsItem.cls), bobsItem));
    expect(opened?.content).toBe("bob's own words");
  });

  it("makes an older copy of the cold batch (a backup, a noncurrent version, Glacier) unreadable for them only", async () => {
    const { guild, alice, bob } = await scenario();
    const [backup] = (await scanBucket(fx)).filter((object) => object.key.includes(`/${guild}/`));

    await eraseSubjectData(fx.deps, fx.sources, request(guild, alice));

    const items = decodeColdBatch(backup?.bytes ?? new Uint8Array());
    const sealedOf = (user: string) => {
      const item = items.find((candidate) => candidate.subject === user);
      return SealedSchema.parse(item?.data.content);
    };
    const open = (user: string) =>
      fx.services.envelope.open(sealedOf(user), {
        tenant: guild,
        subject: user,
        purpose: "message.content",
      });
    await expect(open(alice)).rejects.toBeInstanceOf(KeyShreddedError);
    expect(await open(bob)).toBe("bob's own words");
  });

  it("leaves the member's data in another guild untouched", async () => {
    const { guild, alice, canary } = await scenario();
    const otherGuild = snowflake();
    await remember(fx, otherGuild, alice, `${canary}-elsewhere`);

    await eraseSubjectData(fx.deps, fx.sources, request(guild, alice));

    const elsewhere = await exportSubjectData(fx.deps, fx.sources, request(otherGuild, alice));
    expect(counts(elsewhere)).toMatchObject({ warm: 1, keys: 1 });
    expect(JSON.stringify(elsewhere)).toContain(`${canary}-elsewhere`);
  });
});
