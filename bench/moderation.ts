// Moderation end to end against the local sink's stateful server and DynamoDB Local: a /timeout
// from the interaction to the REST calls done and the case stored (DM, timeout, case with its
// atomic number, mod log post, counters), beside the bare tool call it contains; and case
// numbers under 50 concurrent actions, beside plain conditional writes of pre-numbered cases.

import { REST } from "@discordjs/rest";
import {
  type CommandContext,
  createDataServices,
  createEnvelope,
  createJobRegistry,
  createMemoryCache,
  itemKeys,
  newItem,
  SealedSchema,
  silentLogger,
  tenantCache,
} from "@megawatts/core";
import { restApiBase } from "@megawatts/discord/rest";
import { commandInteraction } from "@megawatts/discord/simulate";
import { createServerTools } from "@megawatts/discord/tools";
import { DEFAULT_GUILD_FIXTURE, LOCAL_GUILD as G, startDiscordSink } from "@megawatts/local";
import { openCase } from "@megawatts/plugin-moderation/cases";
import { moderationIngress } from "@megawatts/plugin-moderation/ingress";
import { manifest } from "@megawatts/plugin-moderation/manifest";
import { moderationWorker } from "@megawatts/plugin-moderation/worker";
import { DynamoDocumentStore } from "@megawatts/storage/dynamodb";
import { S3BlobStore } from "@megawatts/storage/s3";
import { FakeKeyService, InMemorySubjectKeyStore } from "@megawatts/testing/crypto-fakes";
import { fakeJobContext } from "@megawatts/testing/ports";
import { InMemoryScheduler } from "@megawatts/testing/scheduler-fake";
import { startDataStandIns } from "./lib/data-stand-ins.ts";
import type { Section } from "./lib/section.ts";
import { summarize } from "./lib/stats.ts";

const ROUNDS = 150;
const WARMUP = 15;
const CONCURRENT = 50;
const BATCHES = 4;
const clock = { now: () => Date.now() };
const moderator = DEFAULT_GUILD_FIXTURE.members.find((member) => member.userId === G.moderatorId);
const actor = {
  guildId: G.guildId,
  channelId: G.generalId,
  userId: G.moderatorId,
  roleIds: [...(moderator?.roles ?? [])],
  botUserId: G.botId,
};

async function timed(samples: number[], work: () => Promise<unknown>) {
  const started = performance.now();
  await work();
  samples.push(performance.now() - started);
}

export const moderationBench: Section = {
  id: "moderation",
  title:
    "Moderation: /timeout end to end and case numbers under 50 concurrent actions (local sink, DynamoDB Local)",
  async run() {
    const standIns = await startDataStandIns("moderation");
    const sink = await startDiscordSink({ port: 0, guilds: [DEFAULT_GUILD_FIXTURE] });
    try {
      const store = new DynamoDocumentStore({
        client: standIns.clients.dynamodb,
        tableName: standIns.resources.tableName,
      });
      const data = createDataServices({
        store,
        blobs: new S3BlobStore({ client: standIns.clients.s3, bucket: standIns.resources.bucketName }),
        clock,
        isSealed: (value) => SealedSchema.safeParse(value).success,
      });
      const envelope = createEnvelope({ keys: new FakeKeyService(), store: new InMemorySubjectKeyStore() });
      const memory = createMemoryCache();
      const cache = { tenant: (id: string) => tenantCache(memory, id) };
      // Discord's global 50 requests/s, which @discordjs/rest paces by default, is lifted as in `tools`.
      const rest = new REST({
        api: restApiBase(sink.url),
        version: "10",
        globalRequestsPerSecond: 100_000,
      }).setToken("bench");
      const serverTools = createServerTools({ rest, audit: data.audit, cache });
      const ports = { data, envelope, clock, cache, serverTools, scheduler: new InMemoryScheduler() };
      const act = createJobRegistry([moderationWorker], ports).job("moderation.act");
      const definition = manifest.commands.find((command) => command.name === "timeout");
      if (!act || !definition) throw new Error("the moderation plugin has no /timeout");
      const scene = {
        userId: G.moderatorId,
        roles: actor.roleIds,
        guildId: G.guildId,
        channelId: G.generalId,
        applicationId: G.botId,
      };
      const base = { elapsedMs: () => 0, commands: [], plugins: [manifest], logger: silentLogger };

      const endToEnd: number[] = [];
      const bare: number[] = [];
      let lastReply = "";
      for (let round = -WARMUP; round < ROUNDS; round++) {
        const minutes = 1 + (round & 7);
        const options = { member: G.memberId, minutes, reason: "bench" };
        const whole = async () => {
          const interaction = commandInteraction(definition, { options, scene });
          const reply = await moderationIngress.commands.timeout?.run({
            ...base,
            interaction,
          } as unknown as CommandContext);
          if (reply?.type !== "defer") throw new Error("/timeout did not defer");
          const { context, responder } = fakeJobContext("moderation.act", { payload: reply.job.payload });
          await act(context);
          lastReply = String(responder.sent.at(-1)?.message.content ?? "");
        };
        const tool = () =>
          serverTools.executor.execute({
            tool: "member_timeout",
            params: { memberId: G.memberId, minutes },
            actor,
            reference: "bench",
          });
        if (round < 0) {
          await whole();
          await tool();
          continue;
        }
        await timed(endToEnd, whole);
        await timed(bare, tool);
      }
      if (!lastReply.includes("Case #")) throw new Error(`/timeout did not open a case: ${lastReply}`);

      const deps = { data, envelope, clock };
      let numbered = 0;
      let plain = 0;
      const numbers: number[] = [];
      for (let batch = 0; batch < BATCHES; batch++) {
        const guild = `19000000000000000${10 + batch}`;
        const started = performance.now();
        const opened = await Promise.all(
          Array.from({ length: CONCURRENT }, () =>
            openCase(deps, guild, {
              action: "warn",
              targetId: G.memberId,
              moderatorId: G.moderatorId,
              source: "command",
              reason: "bench",
            }),
          ),
        );
        numbered += performance.now() - started;
        numbers.push(...opened.map((record) => record.number + batch * CONCURRENT));
        const other = `19000000000000001${10 + batch}`;
        await data.tenants.ensure(other);
        const cls = data.classes.get("moderation-case");
        const reason = await envelope.seal("bench", {
          tenant: other,
          subject: G.memberId,
          purpose: "moderation-case.reason",
        });
        const plainStarted = performance.now();
        await Promise.all(
          Array.from({ length: CONCURRENT }, (_, index) =>
            data.documents.put(
              newItem({
                cls,
                tenant: other,
                subject: G.memberId,
                key: itemKeys.moderationCase(other, String(index + 1).padStart(10, "0")),
                data: { action: "warn", number: index + 1, reason },
                now: clock.now(),
              }),
              { ifAbsent: true },
            ),
          ),
        );
        plain += performance.now() - plainStarted;
      }
      const total = CONCURRENT * BATCHES;
      const distinct = new Set(numbers).size;
      const gapless = numbers.sort((a, b) => a - b).every((number, index) => number === index + 1);
      const e2e = summarize(endToEnd);
      const tool = summarize(bare);
      return {
        figures: [
          {
            name: "/timeout end to end p50 (baseline: member_timeout via the executor alone)",
            unit: "ms",
            measured: e2e.p50,
            baseline: tool.p50,
            digits: 1,
          },
          {
            name: "/timeout end to end p99 (baseline: member_timeout via the executor alone)",
            unit: "ms",
            measured: e2e.p99,
            baseline: tool.p99,
            target: { atMost: 2000 },
            digits: 1,
          },
          {
            name: `case numbers, ${CONCURRENT} concurrent actions (baseline: pre-numbered conditional puts)`,
            unit: "cases/s",
            measured: (total / numbered) * 1000,
            baseline: (total / plain) * 1000,
            digits: 0,
          },
          {
            name: `duplicate or missing numbers in ${total} cases`,
            unit: "",
            measured: total - distinct + (gapless ? 0 : 1),
            baseline: 0,
            target: { atMost: 0 },
            digits: 0,
          },
        ],
        notes: [
          `${ROUNDS} rounds after ${WARMUP} warm-up, interleaved. End to end: the ingress handler, the worker job (DM, PATCH member, case with its counter transaction, mod log post, counters) on DynamoDB Local and the sink; the queue hop between them is left out (the latency section measures the ingress).`,
          `Case numbers: ${BATCHES} batches of ${CONCURRENT} openCase calls at once on DynamoDB Local, each in a fresh server; losers of the counter race retry with jittered backoff. The baseline writes the same number of cases whose numbers were chosen beforehand.`,
        ],
      };
    } finally {
      await sink.close();
      await standIns.close();
    }
  },
};
