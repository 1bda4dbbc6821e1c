import {
  ask,
  defineWorkerPlugin,
  isPluginEnabled,
  type JobContext,
  type KnowledgeServices,
  type PluginPorts,
  search,
  syncMarkers,
} from "@megawatts/core";
import { guildOf, withEngine } from "./engine.ts";
import { manifest } from "./manifest.ts";
import { AskPayloadSchema, PagePayloadSchema, SearchPayloadSchema } from "./payloads.ts";
import { answerMessage, searchMessage, statusMessage } from "./render.ts";

const PAGE_SIZE = 5;

async function searchJob(knowledge: KnowledgeServices, context: JobContext) {
  const guildId = guildOf(context);
  const { query, mode, filters, channelIds } = SearchPayloadSchema.parse(context.payload);
  const userId = context.job.interaction.userId;
  const page = await withEngine(knowledge, (deps) =>
    search(deps, {
      guildId,
      query,
      filters: { ...filters, ...(channelIds ? { channelIds } : {}) },
      limit: PAGE_SIZE,
      userId,
      ...(mode ? { mode } : {}),
    }),
  );
  await context.reply(searchMessage(page, query, channelIds));
}

async function pageJob(knowledge: KnowledgeServices, context: JobContext) {
  const guildId = guildOf(context);
  const { cursor, query } = PagePayloadSchema.parse(context.payload);
  const page = await withEngine(knowledge, (deps) => search(deps, { guildId, cursor }));
  await context.reply(searchMessage(page, query ?? "your search"));
}

async function askJob(knowledge: KnowledgeServices, context: JobContext) {
  const guildId = guildOf(context);
  const { question, channelIds } = AskPayloadSchema.parse(context.payload);
  const { userId, channelId } = context.job.interaction;
  const answer = await withEngine(knowledge, (deps) =>
    ask(deps, {
      guildId,
      channelId: channelId ?? "0",
      userId,
      question,
      ...(channelIds ? { channelIds } : {}),
    }),
  );
  await context.reply(answerMessage(answer, channelIds));
}

async function statusJob(ports: Pick<PluginPorts, "knowledge" | "warm" | "plugins">, context: JobContext) {
  const guild = guildOf(context);
  const indexing = ports.plugins.get("indexing");
  const state = await ports.plugins.state(guild);
  const channels = await syncMarkers(ports.warm).list(guild);
  await context.reply(
    statusMessage({
      indexing: indexing ? (isPluginEnabled(indexing, state) ? "on" : "off") : "not installed",
      channels,
      vectors: ports.knowledge.vectors,
      chat: ports.knowledge.chat,
    }),
  );
}

/** The worker half of the knowledge plugin: search and its pages, answers, and the status. */
export const knowledgeWorker = defineWorkerPlugin({
  manifest,
  needs: ["knowledge", "warm", "plugins"],
  create: (ports) => ({
    jobs: {
      "knowledge.search": (context) => searchJob(ports.knowledge, context),
      "knowledge.page": (context) => pageJob(ports.knowledge, context),
      "knowledge.ask": (context) => askJob(ports.knowledge, context),
      "knowledge.status": (context) => statusJob(ports, context),
    },
  }),
});
