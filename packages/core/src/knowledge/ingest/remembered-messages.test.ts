import { GUILD, memoryVectorIndex, message, wordEmbedder } from "@megawatts/testing/knowledge";
import { fakePorts } from "@megawatts/testing/ports";
import { describe, expect, it } from "vitest";
import { eraseSubjectData } from "../../privacy/erase-subject.ts";
import { subjectDataSources } from "../../privacy/sources.ts";
import { ingestMessages } from "../ingest.ts";
import { createDocumentKeywordStore } from "../keyword/document-store.ts";
import { createKeywordIndex } from "../keyword/keyword-index.ts";
import { sealedTermKeys } from "../keyword/term-keys.ts";
import { knowledgeIndexSource } from "../knowledge-source.ts";
import { search } from "../search.ts";
import { profileOptOuts } from "./opt-outs.ts";
import { rememberedMessageSource } from "./remembered-messages.ts";
import { rememberedMessageSink } from "./remembered-sink.ts";

const ADMIN = "80351110224678900";

function wired() {
  const services = fakePorts();
  const store = createDocumentKeywordStore({
    documents: services.data.documents,
    classes: services.data.classes,
  });
  const deps = {
    embeddings: wordEmbedder(),
    vectors: memoryVectorIndex(),
    keywords: createKeywordIndex({ store, termKeys: sealedTermKeys({ envelope: services.envelope, store }) }),
    optOuts: profileOptOuts(services.data.documents),
    messages: rememberedMessageSource({ data: services.data.deps, envelope: services.envelope }),
    sink: rememberedMessageSink({ services, clock: services.clock, requestedBy: ADMIN }),
    cache: services.cache,
    envelope: services.envelope,
  };
  return { services, deps };
}

describe("knowledge on the data layer", () => {
  it("stores ingested text as sealed remembered messages and reads it back for snippets", async () => {
    const { services, deps } = wired();
    const one = message("the nightly backup job writes to /data/backups");
    await ingestMessages(deps, GUILD, [one]);
    const raw = JSON.stringify([...services.store.items.values()]);
    expect(raw).not.toContain("nightly backup");
    expect(raw).not.toMatch(/"nightly"|"backup"/);
    const page = await search(deps, { guildId: GUILD, query: "nightly backup" });
    expect(page.results[0]).toMatchObject({ messageId: one.id, snippet: one.content });
  });

  it("skips a member whose profile says forget me", async () => {
    const { services, deps } = wired();
    const author = "80351110224678911";
    await services.data.documents.put({
      pk: `G#${GUILD}`,
      sk: `USER#${author}`,
      cls: "user-profile",
      v: 2,
      tenant: GUILD,
      subject: author,
      createdAt: 1,
      updatedAt: 1,
      gsi1pk: `G#${GUILD}#U#${author}`,
      gsi1sk: `USER#${author}`,
      data: { preferences: { forgetMe: true } },
    });
    const counts = await ingestMessages(deps, GUILD, [message("private", { authorId: author })]);
    expect(counts).toMatchObject({ skippedOptedOut: 1, new: 0 });
  });

  it("is erased with the member through the privacy feature's sources", async () => {
    const { services, deps } = wired();
    const author = "80351110224678912";
    await ingestMessages(deps, GUILD, [message("my phone number is 555 0100", { authorId: author })]);
    const sources = [...subjectDataSources(services), knowledgeIndexSource(deps)];
    const report = await eraseSubjectData({ ...services, clock: services.clock }, sources, {
      guild: GUILD,
      user: author,
      actor: "system:test",
    });
    expect(report.sources.find((source) => source.name === "knowledge")?.removed).toBe(1);
    expect(deps.vectors.records(GUILD)).toEqual([]);
    expect((await search(deps, { guildId: GUILD, query: "phone number" })).results).toEqual([]);
  });
});
