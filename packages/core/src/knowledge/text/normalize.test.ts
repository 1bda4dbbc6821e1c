import { describe, expect, it } from "vitest";
import { normalizeMessage, shortUrl } from "./normalize.ts";

describe("normalizeMessage", () => {
  it("turns mentions, custom emoji and timestamps into readable words", () => {
    const text = normalizeMessage(
      "<@123> <@!456> ask <@&7> in <#8> :) <:pepe_hands:99> <a:party:1> by <t:1767225600:R>",
    );
    expect(text).toBe("@user @user ask @role in #channel :) :pepe_hands: :party: by 2026-01-01");
  });

  it("uses display names when it is given them", () => {
    const names = { user: (id: string) => (id === "1" ? "ana" : undefined), channel: () => "help" };
    expect(normalizeMessage("<@1> <@2> see <#3>", names)).toBe("@ana @user see #help");
  });

  it("keeps links as host and path, without scheme, query or fragment", () => {
    expect(normalizeMessage("see <https://www.GitHub.com/org/repo/issues/12?utm=x#c>, ok")).toBe(
      "see github.com/org/repo/issues/12, ok",
    );
    expect(normalizeMessage("[docs](https://example.com/a/)")).toBe("docs (example.com/a)");
  });

  it("keeps code blocks and inline code verbatim, markup inside included", () => {
    const content = "**fix**:\n```ts\nconst a = `<@1>`;   // **not bold**\n```\nthen run `npm   ci`";
    expect(normalizeMessage(content)).toBe(
      "fix:\n```ts\nconst a = `<@1>`;   // **not bold**\n```\nthen run `npm   ci`",
    );
  });

  it("drops emphasis, spoilers, quotes and invisible characters, and collapses spaces", () => {
    expect(normalizeMessage("> **really**   ||spoiler||\u200b  ~~gone~~ _it_")).toBe(
      "really spoiler gone it",
    );
  });

  it("leaves nothing of a message that held only whitespace", () => {
    expect(normalizeMessage("  \n\n  ")).toBe("");
  });
});

describe("shortUrl", () => {
  it("keeps trailing punctuation outside the link", () => {
    expect(shortUrl("https://example.com/x.")).toBe("example.com/x.");
  });
});
