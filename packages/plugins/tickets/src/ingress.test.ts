import { RecordingLogger } from "@megawatts/testing/fakes";
import type { APIInteraction } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { ticketsIngress } from "./ingress.ts";

const base = {
  id: "1300000000000000001",
  application_id: "1100000000000000001",
  token: "token",
  version: 1,
  guild_id: "1100000000000000002",
  channel: { id: "1100000000000000003" },
  member: { user: { id: "1100000000000000013", username: "margaret" }, roles: [], permissions: "0" },
};
const context = (interaction: unknown) => ({
  interaction: interaction as never,
  args: [],
  elapsedMs: () => 0,
  commands: [],
  plugins: [],
  logger: new RecordingLogger(),
});

describe("the tickets ingress", () => {
  it("defers /ticket close privately, its reason sealed for the member who wrote it", async () => {
    const interaction = {
      ...base,
      type: 2,
      data: {
        name: "ticket",
        type: 1,
        options: [{ type: 1, name: "close", options: [{ type: 3, name: "reason", value: "solved" }] }],
      },
    } as unknown as APIInteraction;

    const reply = await ticketsIngress.commands.ticket?.run(context(interaction));

    expect(reply).toMatchObject({
      type: "defer",
      ephemeral: true,
      job: {
        kind: "tickets.close",
        payload: { options: { reason: "solved" } },
        sealFor: "1100000000000000013",
      },
    });
  });

  it("answers an Open ticket press with a private reply of its own, leaving the panel as it is", async () => {
    const press = { ...base, type: 3, data: { custom_id: "tickets:open", component_type: 2 } };

    const reply = await ticketsIngress.components?.open?.run(context(press));

    expect(reply).toMatchObject({ type: "defer", ephemeral: true, job: { kind: "tickets.open" } });
    expect(reply && "job" in reply ? reply.job.sealFor : undefined).toBeUndefined();
  });
});
