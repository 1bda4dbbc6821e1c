import { PutObjectCommand } from "@aws-sdk/client-s3";
import {
  createDataClassRegistry,
  createDataServices,
  DATA_CLASSES,
  type DocumentItem,
  encodeColdBatch,
  itemKeys,
  migrateTenant,
  newItem,
  tenantPk,
} from "@megawatts/core";
import { DynamoDocumentStore } from "@megawatts/storage/dynamodb";
import { S3BlobStore } from "@megawatts/storage/s3";
import { type DataStandIns, sealedStub, startDataStandIns } from "./lib/data-stand-ins.ts";
import type { Section } from "./lib/section.ts";

const ITEMS = 2_000;
const DAY = 86_400_000;
const classes = createDataClassRegistry(DATA_CLASSES);

type Clock = { now(): number };

function seedItems(guild: string, createdAt: number): DocumentItem[] {
  return Array.from({ length: ITEMS }, (_, i) =>
    newItem({
      cls: classes.get("remembered-message"),
      tenant: guild,
      subject: `${500 + (i % 50)}`,
      key: itemKeys.message(guild, "700", `${1_000_000 + i}`),
      data: { content: sealedStub(i) },
      now: createdAt,
    }),
  );
}

/** Seeds a fresh guild with due messages and returns the seconds `move` took to empty it. */
async function timed(
  standIns: DataStandIns,
  guild: string,
  move: (store: DynamoDocumentStore, clock: Clock) => Promise<void>,
) {
  const clock = { current: Date.now(), now: () => clock.current };
  const store = new DynamoDocumentStore({
    client: standIns.clients.dynamodb,
    tableName: standIns.resources.tableName,
    clock,
  });
  await store.batchWrite({ puts: seedItems(guild, clock.current) });
  clock.current += 31 * DAY;
  const started = performance.now();
  await move(store, clock);
  const seconds = (performance.now() - started) / 1000;
  const left = await store.query(tenantPk(guild), { sk: { prefix: "MSG#" }, limit: 1, consistent: true });
  if (left.items.length > 0) throw new Error(`guild ${guild}: items left warm after the move`);
  return seconds;
}

/** The bare minimum: read everything, write one object, delete unconditionally. No manifest, no resume. */
async function naiveMove(standIns: DataStandIns, store: DynamoDocumentStore, guild: string) {
  const items: DocumentItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query(tenantPk(guild), {
      sk: { prefix: "MSG#" },
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  const Body = encodeColdBatch(items);
  await standIns.clients.s3.send(
    new PutObjectCommand({ Bucket: standIns.resources.bucketName, Key: `naive/${guild}.jsonl.gz`, Body }),
  );
  await store.batchWrite({ deletes: items });
}

async function migrated(standIns: DataStandIns, guild: string, maxBatchItems: number) {
  const seconds = await timed(standIns, guild, async (store, clock) => {
    const blobs = new S3BlobStore({ client: standIns.clients.s3, bucket: standIns.resources.bucketName });
    const data = createDataServices({ store, blobs, clock });
    await migrateTenant(data.deps, guild, { maxBatchItems });
  });
  return ITEMS / seconds;
}

export const migrationThroughput: Section = {
  id: "migration",
  title: `Tier migration warm → cold: ${ITEMS.toLocaleString("en-US")} due messages of one guild, DynamoDB Local + s3rver`,
  async run() {
    const standIns = await startDataStandIns("migration");
    try {
      const naive = ITEMS / (await timed(standIns, "900", (store) => naiveMove(standIns, store, "900")));
      const batched = await migrated(standIns, "901", 1_000);
      const small = await migrated(standIns, "902", 100);
      return {
        figures: [
          { name: "batches of 1,000", unit: "items/s", measured: batched, baseline: naive, digits: 0 },
          { name: "batches of 100", unit: "items/s", measured: small, baseline: naive, digits: 0 },
        ],
        notes: [
          "baseline: query all, one object, unconditional batch deletes (no manifest, no resume, no concurrency checks)",
          "the migration writes an intent, the object, the index and member entries, then deletes in transactions of 99",
        ],
      };
    } finally {
      await standIns.close();
    }
  },
};
