import {
  autocompleteInteraction,
  commandInteraction,
  componentInteraction,
  modalSubmitInteraction,
  pingInteraction,
} from "@megawatts/testing";
import { RecordingLogger, RecordingQueue } from "@megawatts/testing/fakes";
import { fakeIngressDeps } from "@megawatts/testing/ingress-deps";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionResponseType,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { VisibleError } from "../errors.ts";
import { createCommandRegistry } from "../plugins/registry.ts";
import type { IngressPlugin } from "../plugins/types.ts";
import { handleInteraction } from "./handle-interaction.ts";

const command = (name: string): RESTPostAPIChatInputApplicationCommandsJSONBody => ({
  type: ApplicationCommandType.ChatInput,
  name,
  description: `The ${name} command`,
  options: [
    { type: ApplicationCommandOptionType.String, name: "topic", description: "Topic", autocomplete: true },
  ],
});

const plugin: IngressPlugin = {
  manifest: {
    id: "demo",
    version: "1.0.0",
    description: "Demo",
    commands: [command("hello"), command("slow"), command("broken"), command("picky"), command("form")],
    permissions: [],
    dependencies: {},
  },
  commands: {
    hello: { run: () => ({ type: "message", message: { content: "hi" } }) },
    slow: {
      run: () => ({ type: "defer", job: { kind: "demo.slow", payload: { n: 1 } }, ephemeral: true }),
      autocomplete: () => ({ choices: [{ name: "alpha", value: "alpha" }] }),
    },
    broken: {
      run: () => {
        throw new Error("database password is hunter2");
      },
    },
    picky: {
      run: () => {
        throw new VisibleError("Pick a channel first.");
      },
    },
    form: {
      run: () => ({ type: "modal", modal: { custom_id: "demo:form", title: "Form", components: [] } }),
    },
  },
  components: {
    refresh: { run: ({ args }) => ({ type: "defer", job: { kind: "demo.refresh", payload: { args } } }) },
    ask: { run: () => ({ type: "defer", ephemeral: true, job: { kind: "demo.ask" } }) },
    page: { run: ({ args }) => ({ type: "update", message: { content: `page ${args[0]}` } }) },
  },
};

function setup() {
  const queue = new RecordingQueue();
  const logger = new RecordingLogger();
  const deps = fakeIngressDeps(createCommandRegistry([plugin]), { queue, logger });
  return {
    deps,
    queue,
    logger,
    handle: (interaction: Parameters<typeof handleInteraction>[1]) =>
      handleInteraction(deps, interaction, performance.now()),
  };
}

describe("handleInteraction", () => {
  it("answers a PING with a PONG", async () => {
    expect(await setup().handle(pingInteraction())).toEqual({ type: InteractionResponseType.Pong });
  });

  it("answers an inline command with its message", async () => {
    const response = await setup().handle(commandInteraction(command("hello")));
    expect(response).toEqual({
      type: InteractionResponseType.ChannelMessageWithSource,
      data: { content: "hi", flags: 0 },
    });
  });

  it("defers a command and enqueues one job keyed by the interaction id", async () => {
    const { handle, queue } = setup();
    const interaction = commandInteraction(command("slow"), { scene: { guildId: "1100000000000000042" } });

    const response = await handle(interaction);

    expect(response).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    expect(queue.jobs).toHaveLength(1);
    expect(queue.jobs[0]).toMatchObject({
      id: interaction.id,
      kind: "demo.slow",
      payload: { n: 1 },
      correlationId: interaction.id,
      interaction: {
        token: interaction.token,
        guildId: "1100000000000000042",
        applicationId: interaction.application_id,
      },
    });
  });

  it("defers a component with a deferred update, passing the custom id's args", async () => {
    const { handle, queue } = setup();

    const response = await handle(componentInteraction("demo:refresh:7"));

    expect(response).toEqual({ type: InteractionResponseType.DeferredMessageUpdate });
    expect(queue.jobs[0]?.payload).toEqual({ args: ["7"] });
  });

  it("answers a component with a new private message when its defer is ephemeral, leaving the clicked one", async () => {
    const response = await setup().handle(componentInteraction("demo:ask"));

    expect(response).toEqual({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
  });

  it("updates the message a component belongs to", async () => {
    const response = await setup().handle(componentInteraction("demo:page:3"));
    expect(response).toEqual({ type: InteractionResponseType.UpdateMessage, data: { content: "page 3" } });
  });

  it("opens a modal and routes its submission by custom id", async () => {
    const { handle } = setup();
    expect((await handle(commandInteraction(command("form")))).type).toBe(InteractionResponseType.Modal);
    const submitted = await handle(modalSubmitInteraction("demo:page:9", { fields: { note: "x" } }));
    expect(submitted).toEqual({ type: InteractionResponseType.UpdateMessage, data: { content: "page 9" } });
  });

  it("answers autocomplete with the handler's choices, and with none when there is no handler", async () => {
    const { handle } = setup();
    const withHandler = await handle(
      autocompleteInteraction(command("slow"), { focused: "topic", options: { topic: "al" } }),
    );
    const without = await handle(
      autocompleteInteraction(command("hello"), { focused: "topic", options: { topic: "al" } }),
    );

    expect(withHandler).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [{ name: "alpha", value: "alpha" }] },
    });
    expect(without).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [] },
    });
  });

  it("answers an unknown command ephemerally with a reference id that is also logged", async () => {
    const { handle, logger } = setup();

    const response = await handle(commandInteraction(command("nope")));

    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = "data" in response ? (response.data as { content: string; flags: number }) : undefined;
    expect(data?.flags).toBe(MessageFlags.Ephemeral);
    const reference = /ref_\w{10}/.exec(data?.content ?? "")?.[0];
    expect(logger.lines.find((line) => line.message === "interaction.unknown")?.attributes.reference).toBe(
      reference,
    );
  });

  it("hides an internal error behind a generic ephemeral message and a logged reference", async () => {
    const { handle, logger } = setup();

    const response = await handle(commandInteraction(command("broken")));

    const content = "data" in response ? (response.data as { content: string }).content : "";
    expect(content).toMatch(/^Something went wrong on my side\. Reference: `ref_\w{10}`$/);
    expect(content).not.toContain("hunter2");
    expect(logger.lines.find((line) => line.message === "interaction.failed")?.level).toBe("error");
  });

  it("shows a visible error's own message as a plain sentence, without a reference id", async () => {
    const response = await setup().handle(commandInteraction(command("picky")));
    const content = "data" in response ? (response.data as { content: string }).content : "";
    expect(content).toBe("Pick a channel first.");
  });

  it("answers with a reference id when the queue refuses the job", async () => {
    const { deps } = setup();
    deps.queue.enqueue = async () => {
      throw new Error("queue unavailable");
    };

    const response = await handleInteraction(deps, commandInteraction(command("slow")), performance.now());

    const content = "data" in response ? (response.data as { content: string }).content : "";
    expect(content).toMatch(/Reference: `ref_\w{10}`/);
  });
});
