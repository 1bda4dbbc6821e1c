import { createCommandRegistry, handleInteraction, type Job, openJobPayload } from "@megawatts/core";
import { commandInteraction, componentInteraction, type Scene } from "@megawatts/testing";
import { InMemoryJobKeys } from "@megawatts/testing/crypto-fakes";
import { RecordingQueue } from "@megawatts/testing/fakes";
import { fakeIngressDeps } from "@megawatts/testing/ingress-deps";
import type { APIInteraction, APIInteractionResponse } from "discord-api-types/v10";
import { afterEach, describe, expect, it, vi } from "vitest";
import { selfeditIngress } from "./ingress.ts";
import { manifest } from "./manifest.ts";
import { requestIdFor } from "./request-id.ts";

const ROLE = "1300000000000000001";
const REQUEST_ID = "se_01JD3K8Z6Q9T0V4N2B7C5X1M8R";
const definition = manifest.commands[0] as Parameters<typeof commandInteraction>[0];

function bot() {
  const jobs = new RecordingQueue();
  const selfedit = new RecordingQueue();
  const jobKeys = new InMemoryJobKeys();
  const deps = fakeIngressDeps(createCommandRegistry([selfeditIngress]), {
    queue: jobs,
    queues: { selfedit },
    jobKeys,
  });
  const send = (interaction: APIInteraction) => handleInteraction(deps, interaction, performance.now());
  return { jobs, selfedit, send, jobKeys };
}

const improve = (path: string, options: Record<string, string> = {}, scene: Scene = { admin: true }) =>
  commandInteraction(definition, { path: [path], options, scene });

const text = (response: APIInteractionResponse) =>
  "data" in response && response.data && "content" in response.data ? response.data.content : undefined;
const isEphemeral = (response: APIInteractionResponse) =>
  "data" in response && response.data && "flags" in response.data
    ? ((response.data.flags ?? 0) & 64) === 64
    : false;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("/improve for maintainers", () => {
  it("defers a request onto the self-edit queue under the request id, the same for a replay", async () => {
    const { selfedit, jobs, send, jobKeys } = bot();
    const interaction = improve("request", { request: "Make the greeting warmer", target: "greet" });

    const response = await send(interaction);
    await send(interaction);

    expect(response.type).toBe(5);
    expect(jobs.jobs).toHaveLength(0);
    const id = requestIdFor(interaction.id);
    expect(id).toMatch(/^se_[0-9A-Z]{26}$/);
    expect(selfedit.jobs.map((job: Job) => [job.kind, job.id])).toEqual([
      ["selfedit.request", id],
      ["selfedit.request", id],
    ]);
    const [queued] = selfedit.jobs;
    if (!queued) throw new Error("nothing queued");
    expect(JSON.stringify(queued)).not.toContain("greeting");
    expect((await openJobPayload(jobKeys, queued)).payload).toEqual({
      requestId: id,
      request: "Make the greeting warmer",
      target: "greet",
    });
  });

  it("defers status and history ephemerally onto the jobs queue", async () => {
    const { jobs, send } = bot();

    const status = await send(improve("status", { id: REQUEST_ID }));
    const history = await send(improve("history"));

    expect([status, history].map((response) => [response.type, isEphemeral(response)])).toEqual([
      [5, true],
      [5, true],
    ]);
    expect(jobs.jobs.map((job) => [job.kind, job.payload])).toEqual([
      ["selfedit.status", { requestId: REQUEST_ID }],
      ["selfedit.history", null],
    ]);
  });

  it("defers a revert with its own id and the request it reverts", async () => {
    const { selfedit, send } = bot();
    const interaction = improve("revert", { id: REQUEST_ID });

    await send(interaction);

    expect(selfedit.jobs[0]).toMatchObject({
      kind: "selfedit.revert",
      payload: { requestId: requestIdFor(interaction.id), revertOf: REQUEST_ID },
    });
  });

  it("explains a malformed request id ephemerally", async () => {
    const { selfedit, send } = bot();

    const response = await send(improve("revert", { id: "PR-12" }));

    expect(text(response)).toMatch(/`PR-12` is not a request id/);
    expect(isEphemeral(response)).toBe(true);
    expect(selfedit.jobs).toHaveLength(0);
  });
});

describe("who may use /improve", () => {
  it("refuses a member without Manage Server, ephemerally, and enqueues nothing", async () => {
    const { selfedit, send } = bot();

    const response = await send(improve("request", { request: "Delete every command" }, { admin: false }));

    expect(text(response)).toMatch(/Only maintainers can do this: it needs the Manage Server permission/);
    expect(isEphemeral(response)).toBe(true);
    expect(selfedit.jobs).toHaveLength(0);
  });

  it("lets a member with the configured maintainer role in", async () => {
    vi.stubEnv("SELFEDIT_MAINTAINER_ROLE_ID", ROLE);
    const { selfedit, send } = bot();
    const interaction = improve("request", { request: "Make the greeting warmer" }, { admin: false });
    interaction.member?.roles.push(ROLE);

    const response = await send(interaction);

    expect(response.type).toBe(5);
    expect(selfedit.jobs).toHaveLength(1);
  });

  it("refuses in a server where self-editing is not enabled", async () => {
    vi.stubEnv("SELFEDIT_GUILD_IDS", "1300000000000000009");
    const { send } = bot();

    expect(text(await send(improve("history")))).toBe("Self-editing is not enabled in this server.");
  });
});

describe("the Approve and Discard buttons", () => {
  it("check the clicker again: a member without rights gets an ephemeral refusal", async () => {
    const { selfedit, send } = bot();

    const response = await send(
      componentInteraction(`selfedit:approve:${REQUEST_ID}`, { scene: { admin: false } }),
    );

    expect(text(response)).toMatch(/Only maintainers can do this/);
    expect(isEphemeral(response)).toBe(true);
    expect(selfedit.jobs).toHaveLength(0);
  });

  it("defer a maintainer's click as a message update, with where the message is", async () => {
    const { selfedit, send } = bot();
    const click = componentInteraction(`selfedit:approve:${REQUEST_ID}`, { scene: { admin: true } });

    const response = await send(click);
    await send(componentInteraction(`selfedit:discard:${REQUEST_ID}`, { scene: { admin: true } }));

    expect(response.type).toBe(6);
    expect(selfedit.jobs.map((job) => [job.kind, job.id])).toEqual([
      ["selfedit.approve", `${REQUEST_ID}.approve`],
      ["selfedit.discard", `${REQUEST_ID}.discard`],
    ]);
    expect(selfedit.jobs[0]?.payload).toEqual({
      requestId: REQUEST_ID,
      channelId: click.channel.id,
      messageId: click.message.id,
    });
  });
});
