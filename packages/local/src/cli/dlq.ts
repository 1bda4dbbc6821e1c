import { ErasedPayloadError, type Job, type JobKeys, openJobPayload } from "@megawatts/core";
import { type DeadLetter, DeadLetterAdmin } from "@megawatts/storage/sqs";
import { UsageError } from "./args.ts";
import { DLQ_USAGE, type DlqArgs, parseDlqArgs } from "./dlq/args.ts";
import { deadLetterQueues } from "./dlq/queues.ts";

// The SDK's notice about future Node versions is not actionable for an operator tool.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const say = (text = "") => process.stderr.write(`${text}\n`);
const when = (at: number | undefined) => (at === undefined ? "?" : new Date(at).toISOString());

/**
 * A kept job with its sealed payload opened, or `"erased"` when the member it is about was
 * erased since (redriven, it is dropped).
 */
async function opened(jobKeys: JobKeys, job: Job): Promise<Job | "erased"> {
  try {
    return await openJobPayload(jobKeys, job);
  } catch (error) {
    if (error instanceof ErasedPayloadError) return "erased";
    throw error;
  }
}

async function line(jobKeys: JobKeys, letter: DeadLetter): Promise<string> {
  const kind = letter.kind ?? "(malformed)";
  const erased = letter.job && (await opened(jobKeys, letter.job)) === "erased" ? "  payload erased" : "";
  return `${letter.messageId}  ${letter.queue}  ${kind}  id ${letter.id ?? "?"}  failed ${when(letter.failedAt)}  tries ${letter.attempts ?? "?"}${erased}\n    ${letter.reason}`;
}

/** The envelope of a kept job; the payload (which may hold what a member wrote) only on request. */
async function describe(jobKeys: JobKeys, letter: DeadLetter, payload: boolean) {
  const kept = letter.job && (await opened(jobKeys, letter.job));
  const job = kept === "erased" ? undefined : kept;
  if (kept === "erased")
    return {
      messageId: letter.messageId,
      queue: letter.queue,
      reason: letter.reason,
      attempts: letter.attempts,
      failedAt: when(letter.failedAt),
      job: { id: letter.id, kind: letter.kind, payload: "erased: the member it is about erased their data" },
    };
  if (!job)
    return {
      ...letter,
      receiptHandle: undefined,
      body: payload ? letter.body : `(${letter.body.length} characters)`,
    };
  const fields = job.payload && typeof job.payload === "object" ? Object.keys(job.payload) : [];
  return {
    messageId: letter.messageId,
    queue: letter.queue,
    reason: letter.reason,
    attempts: letter.attempts,
    failedAt: when(letter.failedAt),
    job: {
      ...job,
      sealedPayload: undefined,
      interaction: { ...job.interaction, token: "(hidden)" },
      payload: payload ? job.payload : { fields },
    },
  };
}

async function run(admin: DeadLetterAdmin, jobKeys: JobKeys, args: Exclude<DlqArgs, { action: "help" }>) {
  switch (args.action) {
    case "list": {
      const letters = await admin.list();
      if (args.json)
        return process.stdout.write(
          `${JSON.stringify(await Promise.all(letters.map((l) => describe(jobKeys, l, false))), null, 2)}\n`,
        );
      say(letters.length === 0 ? "no dead letters" : `${letters.length} dead letter(s), oldest first:`);
      for (const letter of letters) process.stdout.write(`${await line(jobKeys, letter)}\n`);
      return;
    }
    case "show": {
      const letter = await admin.find(args.id);
      if (!letter) throw new UsageError(`no dead letter ${args.id}`);
      return process.stdout.write(
        `${JSON.stringify(await describe(jobKeys, letter, args.payload), null, 2)}\n`,
      );
    }
    case "redrive": {
      const letters = await admin.list();
      const chosen = args.all
        ? letters
        : args.ids.map((id) => {
            const found = letters.find((letter) => letter.messageId === id || letter.id === id);
            if (!found) throw new UsageError(`no dead letter ${id}`);
            return found;
          });
      const { redriven, skipped } = await admin.redrive(chosen);
      for (const letter of redriven) say(`redriven ${letter.messageId} (${letter.kind}) to ${letter.queue}`);
      for (const letter of skipped) say(`kept ${letter.messageId}: malformed, it cannot run (purge it)`);
      return say(`${redriven.length} redriven, ${skipped.length} kept`);
    }
    case "purge": {
      const letter = await admin.find(args.id);
      if (!letter) throw new UsageError(`no dead letter ${args.id}`);
      await admin.purge(letter);
      return say(`purged ${letter.messageId}`);
    }
  }
}

async function main(argv: string[]) {
  const args = parseDlqArgs(argv);
  if (args.action === "help") {
    process.stdout.write(`${DLQ_USAGE}\n`);
    return;
  }
  const queues = await deadLetterQueues(process.env);
  try {
    say(`dead letters on ${queues.where}`);
    await run(new DeadLetterAdmin(queues.client, queues.pairs), queues.jobKeys, args);
  } finally {
    queues.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    say(`${error.message}\n\n${DLQ_USAGE}`);
    process.exit(64);
  }
  say(`dlq failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
