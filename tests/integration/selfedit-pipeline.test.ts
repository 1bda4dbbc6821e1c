import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOpenAiChat } from "@megawatts/ai/openai";
import { systemClock } from "@megawatts/core";
import { createSelfEditPipeline } from "@megawatts/plugin-selfedit/pipeline";
import { createLocalGitWriter, gitRun } from "@megawatts/selfedit/local-git";
import { createFixtureRepo, type FixtureRepo } from "@megawatts/selfedit/testing";
import { fakeJobContext, fakePorts, jobHandler } from "@megawatts/testing/ports";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeServersAfterEach, serveOpenAi } from "./ai-openai-server.ts";
import { FORMAT, GOOD, NO_MATCH, TYPE_ERROR } from "./selfedit-answers.ts";

closeServersAfterEach();

const REQUEST_ID = "se_01JD3K8Z6Q9T0V4N2B7C5X1M8R";
let repo: FixtureRepo;
let records: string;
beforeEach(async () => {
  repo = await createFixtureRepo();
  records = await mkdtemp(join(tmpdir(), "selfedit-records-"));
});
afterEach(async () => {
  await repo.remove();
  await rm(records, { recursive: true, force: true });
});

/** The pipeline on the fixture repository, asking the OpenAI-protocol server for scripted answers. */
async function pipelineWith(answers: string[]) {
  const { server, client } = await serveOpenAi({ chat: answers });
  const services = fakePorts();
  const pipeline = createSelfEditPipeline({
    chat: createOpenAiChat({ client }),
    writer: createLocalGitWriter({ dir: repo.dir, recordDir: records }),
    settings: { preset: "manual" },
    validation: { tests: { run: false } },
    clock: systemClock,
  });
  const run = async (kind: string, payload: unknown) => {
    const { context, responder } = fakeJobContext(kind, { payload });
    await jobHandler(pipeline, services, kind)(context);
    return responder.sent.map((sent) => sent.message);
  };
  return { server, run };
}

const request = { requestId: REQUEST_ID, request: "Greet strangers a little more warmly", target: "greet" };
const git = (...args: string[]) => gitRun(repo.dir, args);
const userMessages = (body: unknown) =>
  (body as { messages: { role: string; content: string }[] }).messages.filter(
    (message) => message.role === "user",
  );

// Type-checking parses TypeScript's libraries on first use; nothing here is timed.
describe("the self-edit pipeline on the fixture repository", { timeout: 120_000 }, () => {
  it("turns an approved good change into a branch, one commit and a recorded pull request", async () => {
    const { server, run } = await pipelineWith([GOOD]);

    const proposed = await run("selfedit.request", request);
    const approved = await run("selfedit.approve", { requestId: REQUEST_ID });

    expect(proposed.at(-1)?.content).toMatch(/waiting for a maintainer/);
    expect(userMessages(server.requests[0]?.body)[0]?.content).toContain('    return "Hello, stranger!";');
    expect(approved.at(-1)?.content).toMatch(/pull request #1 opened: file:\/\//);
    const branch = `megawatts/${REQUEST_ID}`;
    expect(await git("rev-parse", `${branch}^`)).toBe(repo.commit);
    expect(await git("show", `${branch}:${FORMAT}`)).toContain('return "Hello there, stranger!";');
    expect(await git("rev-parse", "HEAD")).toBe(repo.commit);
    const record = JSON.parse(await readFile(join(records, `${REQUEST_ID}.json`), "utf8"));
    expect(record).toMatchObject({ number: 1, branch, base: repo.commit, labels: ["self-edit", "risk:low"] });
    expect(record.diff).toContain('+    return "Hello there, stranger!";');
    expect(record.body).toContain("| types | ✅ pass |");
  });

  it("repairs a type error in the second round, with the compiler's finding fed back", async () => {
    const { server, run } = await pipelineWith([TYPE_ERROR, GOOD]);

    const replies = await run("selfedit.request", request);

    const repair = userMessages(server.requests[1]?.body).at(-1)?.content ?? "";
    expect(repair).toMatch(/\[types\/TS2322\] packages\/plugins\/greet\/src\/format\.ts:5/);
    expect(repair).toContain("Answer again with the complete corrected set of SEARCH/REPLACE blocks");
    expect(replies.at(-1)?.content).toMatch(/waiting for a maintainer/);
    expect(JSON.stringify(replies.at(-1)?.embeds)).toContain("2 (1 repair)");
  });

  it("stops when the model repeats an error, without asking a third time", async () => {
    const { server, run } = await pipelineWith([NO_MATCH, NO_MATCH, GOOD]);

    const replies = await run("selfedit.request", request);

    expect(server.requests).toHaveLength(2);
    expect(replies.at(-1)?.content).toMatch(/no valid change after 2 rounds/);
    expect(replies.at(-1)?.components).toEqual([]);
  });

  it("opens no second pull request when the approval job runs again", async () => {
    const { run } = await pipelineWith([GOOD]);
    await run("selfedit.request", request);

    const first = await run("selfedit.approve", { requestId: REQUEST_ID });
    const again = await run("selfedit.approve", { requestId: REQUEST_ID });

    expect(again.at(-1)?.content).toBe(first.at(-1)?.content);
    expect(await readdir(records)).toEqual([`${REQUEST_ID}.json`]);
    expect(await git("rev-list", "--count", `${repo.commit}..megawatts/${REQUEST_ID}`)).toBe("1");
  });
});
