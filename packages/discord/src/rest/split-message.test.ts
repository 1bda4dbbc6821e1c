import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from "discord-api-types/v10";
import { ButtonStyle, ComponentType, MessageFlags } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { embedSize } from "./split-embeds.ts";
import { splitMessage } from "./split-message.ts";
import { splitText, truncate } from "./split-text.ts";

const row: APIActionRowComponent<APIComponentInMessageActionRow> = {
  type: ComponentType.ActionRow,
  components: [
    { type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: "system:page:2", label: "Next" },
  ],
};

const fenceCount = (text: string) => text.split("```").length - 1;

describe("splitText", () => {
  it("returns short text unchanged", () => {
    expect(splitText("hello", 2000)).toEqual(["hello"]);
  });

  it("cuts long text at newlines and loses nothing", () => {
    const lines = Array.from({ length: 300 }, (_, index) => `line ${index} ${"x".repeat(20)}`);
    const pieces = splitText(lines.join("\n"), 2000);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((piece) => piece.length <= 2000)).toBe(true);
    expect(pieces.join("\n")).toBe(lines.join("\n"));
  });

  it("cuts at spaces when there is no newline", () => {
    const words = Array.from({ length: 700 }, (_, index) => `word${index}`).join(" ");
    const pieces = splitText(words, 2000);
    expect(pieces.every((piece) => piece.length <= 2000 && !piece.startsWith(" "))).toBe(true);
    expect(pieces.join(" ")).toBe(words);
  });

  it("cuts anywhere when there is no whitespace, without splitting an emoji", () => {
    const text = "😀".repeat(1500);
    const pieces = splitText(text, 2000);
    expect(pieces.every((piece) => piece.length <= 2000 && !piece.endsWith("\ud83d"))).toBe(true);
    expect(pieces.join("")).toBe(text);
  });

  it("closes a code block at the cut and reopens it with its language", () => {
    const code = Array.from({ length: 200 }, (_, index) => `const value${index} = ${index};`).join("\n");
    const text = `Here is the file:\n\`\`\`ts\n${code}\n\`\`\`\nThat is all.`;
    const pieces = splitText(text, 2000);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(2000);
      expect(fenceCount(piece) % 2).toBe(0);
    }
    for (const piece of pieces.slice(1)) expect(piece.startsWith("```ts\n")).toBe(true);
    expect(pieces.at(-1)?.endsWith("That is all.")).toBe(true);
  });
});

describe("truncate", () => {
  it("ends a shortened text with an ellipsis within the limit", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 4)).toBe("abc");
  });
});

describe("splitMessage", () => {
  it("returns a message within the limits as it is", () => {
    const message = { content: "hi", embeds: [{ title: "t" }], components: [row] };
    expect(splitMessage(message)).toEqual([message]);
  });

  it("keeps an empty content so an edit can clear it", () => {
    expect(splitMessage({ content: "" })).toEqual([{ content: "" }]);
  });

  it("puts components on the last message only and flags and mentions on every message", () => {
    const parts = splitMessage({
      content: "a ".repeat(2500),
      components: [row],
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });
    expect(parts).toHaveLength(3);
    expect(parts.map((part) => part.components)).toEqual([undefined, undefined, [row]]);
    expect(parts.every((part) => part.flags === MessageFlags.Ephemeral && part.allowed_mentions)).toBe(true);
  });

  it("sends at most 10 embeds per message", () => {
    const embeds = Array.from({ length: 23 }, (_, index) => ({ title: `Embed ${index}` }));
    const parts = splitMessage({ content: "Results", embeds });
    expect(parts.map((part) => part.embeds?.length)).toEqual([10, 10, 3]);
    expect(parts[0]?.content).toBe("Results");
    expect(parts.flatMap((part) => part.embeds ?? [])).toEqual(embeds);
  });

  it("keeps the embeds of each message within 6000 characters", () => {
    const embeds = Array.from({ length: 5 }, (_, index) => ({
      title: `E${index}`,
      description: "d".repeat(2500),
    }));
    const parts = splitMessage({ embeds });
    expect(parts.map((part) => part.embeds?.length)).toEqual([2, 2, 1]);
    for (const part of parts) {
      expect((part.embeds ?? []).reduce((sum, embed) => sum + embedSize(embed), 0)).toBeLessThanOrEqual(6000);
    }
  });

  it("truncates oversized titles, field names and values, footers and author names", () => {
    const embed: APIEmbed = {
      title: "t".repeat(300),
      author: { name: "a".repeat(300) },
      fields: [{ name: "n".repeat(300), value: "v".repeat(2000) }],
      footer: { text: "f".repeat(3000) },
    };
    const [part] = splitMessage({ embeds: [embed] });
    const [result] = part?.embeds ?? [];
    expect(result?.title).toHaveLength(256);
    expect(result?.title?.endsWith("…")).toBe(true);
    expect(result?.author?.name).toHaveLength(256);
    expect(result?.fields?.[0]?.name).toHaveLength(256);
    expect(result?.fields?.[0]?.value).toHaveLength(1024);
    expect(result?.fields?.[0]?.value.endsWith("…")).toBe(true);
    expect(result?.footer?.text).toHaveLength(2048);
  });

  it("continues more than 25 fields in a second embed of the same colour", () => {
    const fields = Array.from({ length: 30 }, (_, index) => ({ name: `Field ${index}`, value: "value" }));
    const [part] = splitMessage({
      embeds: [{ title: "Status", color: 0x00ff00, fields, footer: { text: "end" } }],
    });
    const embeds = part?.embeds ?? [];
    expect(embeds.map((embed) => embed.fields?.length)).toEqual([25, 5]);
    expect(embeds.map((embed) => embed.color)).toEqual([0x00ff00, 0x00ff00]);
    expect(embeds[0]?.title).toBe("Status");
    expect(embeds[1]?.footer?.text).toBe("end");
  });

  it("continues a description longer than 4096 characters in further embeds", () => {
    const description = Array.from({ length: 1000 }, (_, index) => `sentence ${index}.`).join(" ");
    const parts = splitMessage({ embeds: [{ title: "Long", description }] });
    const embeds = parts.flatMap((part) => part.embeds ?? []);
    expect(embeds.length).toBeGreaterThan(1);
    expect(embeds.every((embed) => (embed.description?.length ?? 0) <= 4096)).toBe(true);
    expect(embeds.map((embed) => embed.description).join(" ")).toBe(description);
  });
});
