import { createCommandRegistry } from "@megawatts/core";
import { messageCommandInteraction, snowflake } from "@megawatts/testing";
import { RecordingLogger } from "@megawatts/testing/fakes";
import { fakeKnowledge } from "@megawatts/testing/knowledge";
import { fakeJobContext, fakePorts, jobHandler } from "@megawatts/testing/ports";
import { describe, expect, it } from "vitest";
import { memoryIngress } from "./ingress.ts";
import { manifest } from "./manifest.ts";
import { memoryWorker, rememberReply } from "./worker.ts";

const definition = manifest.commands[0];
const CANARY = "canary-memory-plugin-91d2";

function run(interaction: ReturnType<typeof messageCommandInteraction>) {
  const context = {
    interaction,
    elapsedMs: () => 0,
    commands: [],
    plugins: [],
    logger: new RecordingLogger(),
  };
  return memoryIngress.commands.Remember?.run(context);
}

describe("Remember", () => {
  it("is a message context-menu command the registry accepts and /help lists as a menu entry", () => {
    const registry = createCommandRegistry([memoryIngress]);

    expect(registry.definitions).toMatchObject([{ name: "Remember", type: 3 }]);
    expect(registry.summaries).toEqual([
      { name: "Remember", description: manifest.description, pluginId: "memory", menu: "message" },
    ]);
  });

  it("defers only to the caller and hands the target message to a job", async () => {
    if (!definition) throw new Error("no command");
    const interaction = messageCommandInteraction(definition, {
      message: { content: CANARY, authorId: "80351110224678912", attachments: ["a.png"] },
    });

    const reply = await run(interaction);

    expect(reply).toMatchObject({
      type: "defer",
      ephemeral: true,
      job: {
        kind: "memory.remember",
        payload: { authorId: "80351110224678912", content: CANARY, attachments: ["a.png"] },
      },
    });
  });

  it("tells the caller what was stored, without echoing the text", async () => {
    const services = fakePorts();
    const payload = {
      channelId: "81384788765712385",
      messageId: snowflake(),
      authorId: "80351110224678912",
      content: CANARY,
      attachments: ["notes.txt"],
      postedAt: Date.parse("2026-01-01T00:00:00Z"),
    };
    const { context, responder } = fakeJobContext("memory.remember", { payload });

    await jobHandler(memoryWorker, { ...services, knowledge: fakeKnowledge() }, "memory.remember")(context);

    const content = String(responder.sent[0]?.message.content);
    expect(content).toContain("🧠 Remembered");
    expect(content).toContain("1 attachment name (notes.txt)");
    expect(content).not.toContain(CANARY);
  });

  it("does not count attachment names a message does not have", () => {
    const summary = {
      messageId: "3",
      channelId: "2",
      authorId: "80351110224678912",
      jumpUrl: "https://discord.com/channels/1/2/3",
      postedAt: 0,
      characters: 11,
      attachments: [],
    };

    const content = rememberReply({ status: "stored", summary }, "80351110224678912");

    expect(content).toContain("11 characters.");
    expect(content).not.toContain("attachment");
  });

  it("speaks to a member who opted out and remembers their own message as 'you'", () => {
    const own = rememberReply({ status: "opted-out" }, "80351110224678912", "80351110224678912");
    const other = rememberReply({ status: "opted-out" }, "80351110224678912", "80351110224678913");

    expect(own).toBe(
      "You asked me not to remember your messages, so I did not store this one. To allow it again, use `/privacy settings remember:true`.",
    );
    expect(other).toBe(
      "<@80351110224678912> asked me not to remember their messages, so I did not store this one.",
    );
  });
});
