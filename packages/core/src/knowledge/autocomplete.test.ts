import { GUILD, message, OTHER_GUILD, testDeps } from "@megawatts/testing/knowledge";
import { describe, expect, it } from "vitest";
import { autocomplete } from "./autocomplete.ts";
import { ingestMessages } from "./ingest.ts";
import { search } from "./search.ts";

describe("autocomplete", () => {
  it("suggests recent searches that start with the text, then those that contain it", async () => {
    const { deps } = testDeps();
    for (const query of ["deploy failing", "staging deploy", "lunch"])
      await search(deps, { guildId: GUILD, query });
    expect(await autocomplete(deps, GUILD, "dep")).toEqual(["deploy failing", "staging deploy"]);
    expect(await autocomplete(deps, GUILD, "lu")).toEqual(["lunch"]);
    expect(await autocomplete(deps, GUILD, "")).toEqual(["lunch", "staging deploy", "deploy failing"]);
  });

  it("completes the last word from words the guild uses in at least two chunks", async () => {
    const { deps } = testDeps();
    const day = 86_400_000;
    const first = message("kubernetes cluster down");
    // Days apart, so no message is indexed with another's words as its context.
    await ingestMessages(deps, GUILD, [
      first,
      message("kubernetes pods pending", { createdAt: first.createdAt + day }),
      message("kubectl typo once", { createdAt: first.createdAt + 2 * day }),
    ]);
    expect(await autocomplete(deps, GUILD, "why is ku")).toEqual(["why is kubernetes"]);
  });

  it("never suggests another guild's searches or words", async () => {
    const { deps } = testDeps();
    await search(deps, { guildId: OTHER_GUILD, query: "secret project" });
    await ingestMessages(deps, OTHER_GUILD, [message("secretive words"), message("secretive again")]);
    expect(await autocomplete(deps, GUILD, "secr")).toEqual([]);
  });

  it("answers with what has arrived when the hot tier does not answer in time", async () => {
    const { deps } = testDeps();
    const stuck = {
      tenant: () => ({ ...deps.cache.tenant(GUILD), get: () => new Promise<never>(() => {}) }),
    };
    expect(await autocomplete({ ...deps, cache: stuck }, GUILD, "dep", { budgetMs: 5 })).toEqual([]);
  });
});
