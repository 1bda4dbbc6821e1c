import { createCommandRegistry, rememberMessage } from "@megawatts/core";
import { commandInteraction, componentInteraction, DEV_GUILD_ID, DEV_USER_ID } from "@megawatts/testing";
import { RecordingLogger } from "@megawatts/testing/fakes";
import { fakeKnowledge } from "@megawatts/testing/knowledge";
import { fakeJobContext, fakePorts, jobHandler } from "@megawatts/testing/ports";
import { describe, expect, it } from "vitest";
import { privacyIngress } from "./ingress.ts";
import { manifest } from "./manifest.ts";
import { privacyWorker } from "./worker.ts";

const OTHER = "80351110224678912";
const base = { elapsedMs: () => 0, commands: [], plugins: [], logger: new RecordingLogger() };

function command(path: string, options: Record<string, string> = {}) {
  const [definition] = manifest.commands;
  if (!definition) throw new Error("no command");
  return privacyIngress.commands.privacy?.run({
    ...base,
    interaction: commandInteraction(definition, { path: [path], options }),
  });
}

function press(action: string, owner: string, user = DEV_USER_ID) {
  const interaction = componentInteraction(`privacy:${action}:${owner}`, { scene: { userId: user } });
  return privacyIngress.components?.[action]?.run({ ...base, interaction, args: [owner] });
}

async function withMessage() {
  const services = fakePorts();
  const message = { guild: DEV_GUILD_ID, channelId: "1100000000000000003", messageId: "1200000000000000001" };
  const input = { ...message, authorId: DEV_USER_ID, attachments: [], postedAt: 0, requestedBy: DEV_USER_ID };
  await rememberMessage({ ...services, clock: services.clock }, { ...input, content: "my secret plan" });
  return services;
}

const withKnowledge = (services: ReturnType<typeof fakePorts>) => ({
  ...services,
  knowledge: fakeKnowledge(),
});

describe("/privacy on the ingress", () => {
  it("is accepted by the registry", () => {
    expect(() => createCommandRegistry([privacyIngress])).not.toThrow();
  });

  it("defers export and settings, only to the caller", async () => {
    expect(await command("export")).toMatchObject({
      type: "defer",
      ephemeral: true,
      job: { kind: "privacy.export" },
    });
    expect(await command("settings", { remember: "false" })).toMatchObject({
      job: { kind: "privacy.settings", payload: { remember: false } },
    });
  });

  it("asks to confirm delete with buttons that carry the caller", async () => {
    const reply = await command("delete");

    expect(reply).toMatchObject({ type: "message", ephemeral: true });
    expect(JSON.stringify(reply)).toContain(`privacy:erase:${DEV_USER_ID}`);
    expect(JSON.stringify(reply)).toContain("I keep only that choice");
  });

  it("lets only the caller confirm or cancel", async () => {
    expect(await press("erase", DEV_USER_ID)).toMatchObject({
      type: "defer",
      job: { kind: "privacy.erase" },
    });
    expect(await press("erase", DEV_USER_ID, OTHER)).toMatchObject({ type: "message", ephemeral: true });
    expect(await press("cancel", DEV_USER_ID, OTHER)).toMatchObject({ type: "message" });
    expect(await press("cancel", DEV_USER_ID)).toMatchObject({ type: "update", message: { components: [] } });
  });
});

describe("/privacy jobs", () => {
  it("deliver the export as a JSON file with sealed fields opened", async () => {
    const services = await withMessage();
    const { context, responder } = fakeJobContext("privacy.export");

    await jobHandler(privacyWorker, withKnowledge(services), "privacy.export")(context);

    const [file] = responder.sent[0]?.message.files ?? [];
    expect(file?.name).toBe(`megawatts-export-${DEV_GUILD_ID}-${DEV_USER_ID}.json`);
    expect(Buffer.from(file?.data ?? []).toString()).toContain("my secret plan");
    expect(responder.sent[0]?.message.content).not.toContain("my secret plan");
  });

  it("erase everything and replace the confirmation with what was removed", async () => {
    const services = await withMessage();
    const { context, responder } = fakeJobContext("privacy.erase");

    await jobHandler(privacyWorker, withKnowledge(services), "privacy.erase")(context);

    expect(responder.sent[0]?.message).toMatchObject({ components: [] });
    expect(String(responder.sent[0]?.message.content)).toContain(
      "warm 1, cold 0, hot 0, knowledge 0, keys 1",
    );
    expect(await services.subjectKeys.get(DEV_GUILD_ID, DEV_USER_ID)).toBeUndefined();
  });

  it("show the remember setting, and change it", async () => {
    const services = fakePorts();
    const show = fakeJobContext("privacy.settings", { payload: {} });
    const change = fakeJobContext("privacy.settings", { payload: { remember: false } });

    await jobHandler(privacyWorker, withKnowledge(services), "privacy.settings")(show.context);
    await jobHandler(privacyWorker, withKnowledge(services), "privacy.settings")(change.context);

    expect(show.responder.sent[0]?.message.content).toContain("I may remember your messages");
    expect(change.responder.sent[0]?.message.content).toContain("I do not remember your messages");
  });
});
