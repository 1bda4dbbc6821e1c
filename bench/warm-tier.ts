import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { createDataClassRegistry, DATA_CLASSES, type DocumentItem, itemKeys, newItem } from "@megawatts/core";
import { DynamoDocumentStore } from "@megawatts/storage/dynamodb";
import { marshalItem, sealedStub, startDataStandIns } from "./lib/data-stand-ins.ts";
import type { Section } from "./lib/section.ts";
import { type Summary, summarize } from "./lib/stats.ts";
import type { Figure } from "./lib/table.ts";

const WARMUP = 100;
const ITERATIONS = 600;
const GUILD = "111111111111111111";
const classes = createDataClassRegistry(DATA_CLASSES);

const item = (i: number, sk = `${i}`): DocumentItem =>
  newItem({
    cls: classes.get("remembered-message"),
    tenant: GUILD,
    subject: "222222222222222222",
    key: itemKeys.message(GUILD, "333333333333333333", sk),
    data: { content: sealedStub(i) },
    now: Date.now(),
  });

/** Times `project` and `baseline` call by call, interleaved, after a warm-up. */
async function interleave(run: (i: number) => [() => Promise<unknown>, () => Promise<unknown>]) {
  const project: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const [viaStore, raw] = run(i);
    let started = performance.now();
    await viaStore();
    const storeMs = performance.now() - started;
    started = performance.now();
    await raw();
    const rawMs = performance.now() - started;
    if (i >= WARMUP) {
      project.push(storeMs);
      baseline.push(rawMs);
    }
  }
  return { project: summarize(project), baseline: summarize(baseline) };
}

const figures = (name: string, result: { project: Summary; baseline: Summary }): Figure[] =>
  (["p50", "p99"] as const).map((stat) => ({
    name: `${name} ${stat}`,
    unit: "ms",
    measured: result.project[stat],
    baseline: result.baseline[stat],
    digits: 2,
  }));

export const warmTier: Section = {
  id: "warm",
  title: `Warm tier: DocumentStore get/put against DynamoDB Local (${ITERATIONS} each after ${WARMUP} warm-up)`,
  async run() {
    const standIns = await startDataStandIns("warm");
    try {
      const { dynamodb } = standIns.clients;
      const TableName = standIns.resources.tableName;
      const store = new DynamoDocumentStore({ client: dynamodb, tableName: TableName });
      const puts = await interleave((i) => {
        const viaStore = item(i, `s${i}`);
        const raw = marshalItem(item(i, `r${i}`));
        return [() => store.put(viaStore), () => dynamodb.send(new PutItemCommand({ TableName, Item: raw }))];
      });
      const gets = await interleave((i) => {
        const key = itemKeys.message(GUILD, "333333333333333333", `s${i % ITERATIONS}`);
        const raw = marshalItem(itemKeys.message(GUILD, "333333333333333333", `r${i % ITERATIONS}`));
        return [() => store.get(key), () => dynamodb.send(new GetItemCommand({ TableName, Key: raw }))];
      });
      return {
        figures: [...figures("put", puts), ...figures("get", gets)],
        notes: [
          "baseline: the raw SDK call (DynamoDBClient PutItem/GetItem) with an item marshalled beforehand",
          "the store adds marshalling, the expiry filter and error mapping; both share one client",
        ],
      };
    } finally {
      await standIns.close();
    }
  },
};
