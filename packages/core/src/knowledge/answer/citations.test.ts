import { describe, expect, it } from "vitest";
import { numberSources, resolveCitations } from "./citations.ts";

const sources = numberSources("1", [
  { messageId: "11", channelId: "2", authorId: "3" },
  { messageId: "12", channelId: "2", authorId: "3" },
]);

describe("resolveCitations", () => {
  it("drops invented citations without leaving a space before the punctuation", () => {
    const { text, cited } = resolveCitations("Use npm ci [1][7]. Then restart [9], twice [2, 8].", sources);

    expect(text).toBe("Use npm ci [1]. Then restart, twice [2].");
    expect(cited.map((citation) => citation.n)).toEqual([1, 2]);
  });

  it("keeps a space the writer put before punctuation", () => {
    const { text } = resolveCitations("Put it in your .env file, or run `npm run dev` .", sources);

    expect(text).toBe("Put it in your .env file, or run `npm run dev` .");
  });

  it("leaves code blocks exactly as written, indentation and brackets included", () => {
    const yaml = "```yaml\nservices:\n  bot:\n    image: megawatts  # pinned\n    ports: [8787]\n```";
    const answer = `Use this compose file [1]:\n${yaml}\nThen \`docker  compose up\` [5].`;

    const { text, cited } = resolveCitations(answer, sources);

    expect(text).toBe(`Use this compose file [1]:\n${yaml}\nThen \`docker  compose up\`.`);
    expect(cited.map((citation) => citation.n)).toEqual([1]);
  });

  it("keeps an unclosed code block untouched to the end", () => {
    const { text } = resolveCitations("Try:\n```\nlist[3]  =  1 .", sources);

    expect(text).toBe("Try:\n```\nlist[3]  =  1 .");
  });

  it("defuses mass mentions, in code too", () => {
    const { text } = resolveCitations("Ping @everyone or `@here`", sources);

    expect(text).toBe("Ping @\u200beveryone or `@\u200bhere`");
  });
});
