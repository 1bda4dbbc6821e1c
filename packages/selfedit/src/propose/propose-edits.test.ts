import { describe, expect, it } from "vitest";
import { gatherContext } from "../context/gather-context.ts";
import { createMemorySnapshot } from "../snapshot/memory-snapshot.ts";
import { block } from "../testing/edits.ts";
import { createValidator } from "../validate/validator.ts";
import type { PromptMessage } from "./prompt.ts";
import { type ProposalChat, proposeEdits } from "./propose-edits.ts";

const FORMAT = "packages/plugins/greet/src/format.ts";
const SOURCE = 'export function greeting(name: string): string {\n  return "Hello, " + name;\n}\n';
const base = createMemorySnapshot({ [FORMAT]: SOURCE }, "base1");

const GOOD = block(FORMAT, '  return "Hello, " + name;\n', '  return "Hello there, " + name;\n');
const NO_MATCH = block(FORMAT, '  return "Hi, " + name;\n', '  return "Hello there, " + name;\n');
const WORKFLOW = block(".github/workflows/ci.yml", "", "on: push\n");

/** A chat that answers from a script and keeps every conversation it was sent. */
function scriptedChat(answers: string[]) {
  const seen: PromptMessage[][] = [];
  const chat: ProposalChat = {
    id: "scripted",
    async complete(messages) {
      seen.push(messages.map((message) => ({ ...message })));
      const text = answers.shift();
      if (text === undefined) throw new Error("no scripted answer left");
      return { text, tokens: { prompt: 100 * seen.length, completion: 10 } };
    },
  };
  return { chat, seen };
}

async function propose(answers: string[], maxRepairs?: number) {
  const { chat, seen } = scriptedChat(answers);
  const options = { preset: "manual" as const, tests: { run: false } };
  const validator = createValidator({ base, options });
  const context = await gatherContext({ base, request: "Greet warmly" });
  const rounds: number[] = [];
  const proposal = await proposeEdits({
    chat,
    validator,
    request: "Greet warmly",
    context,
    options,
    ...(maxRepairs !== undefined ? { maxRepairs } : {}),
    onRound: (round) => {
      rounds.push(round.round);
    },
  });
  return { proposal, seen, rounds };
}

describe("proposeEdits", () => {
  it("stops at the first answer that passes, after one round", async () => {
    const { proposal, seen } = await propose([GOOD]);

    expect(proposal.stop).toBe("accepted");
    expect(proposal.rounds).toHaveLength(1);
    expect(proposal.final.report.decision).toBe("needs-review");
    expect(seen[0]?.[0]?.content).toContain("<<<<<<< SEARCH");
    expect(seen[0]?.[1]?.content).toContain("Request from a maintainer: Greet warmly");
    expect(seen[0]?.[1]?.content).toContain(SOURCE);
  });

  it("feeds the validator's findings back and accepts the repaired answer, counting tokens per round", async () => {
    const { proposal, seen, rounds } = await propose([NO_MATCH, GOOD]);

    expect(proposal.stop).toBe("accepted");
    expect(rounds).toEqual([1, 2]);
    expect(proposal.rounds[0]?.feedback).toMatch(/\[edits\/no-match\]/);
    expect(seen[1]?.at(-2)).toEqual({ role: "assistant", content: NO_MATCH });
    expect(seen[1]?.at(-1)?.content).toContain(proposal.rounds[0]?.feedback);
    expect(proposal.tokens).toEqual({ prompt: 300, completion: 20 });
  });

  it("stops early when a round repeats the previous round's errors", async () => {
    const { proposal } = await propose([NO_MATCH, NO_MATCH, GOOD]);

    expect(proposal.stop).toBe("repeated-error");
    expect(proposal.rounds).toHaveLength(2);
    expect(proposal.final.feedback).toBeUndefined();
  });

  it("gives up after the last repair round", async () => {
    const { proposal } = await propose([NO_MATCH, WORKFLOW], 1);

    expect(proposal.stop).toBe("out-of-rounds");
    expect(proposal.rounds.map((round) => round.report.decision)).toEqual(["reject", "reject"]);
  });
});
