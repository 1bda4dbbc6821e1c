import {
  type AgentLimits,
  type Envelope,
  type JobContext,
  newId,
  type PlannedStep,
  runAgent,
  type Sealed,
  type TenantCaches,
  type ToolActor,
  type ToolCallingChat,
  type ToolExecutor,
} from "@megawatts/core";
import { toolCall } from "./calls.ts";
import type { CommandPayload, ConfirmPayload } from "./payloads.ts";
import {
  confirmMessage,
  planMessage,
  privateNote,
  progressMessage,
  refusalMessage,
  textMessage,
} from "./render.ts";

/** What the admin jobs need: the tool executor, the hot tier and envelope for pending plans, and a model for `/do`. */
export interface AdminNeeds {
  executor: ToolExecutor;
  pending: TenantCaches;
  /** Seals a pending plan under the invoker's key: its parameters may hold message text. */
  envelope: Envelope;
  /** Without one, `/do` says it needs a model. */
  chat?: ToolCallingChat;
  limits?: AgentLimits;
}

interface Pending {
  invoker: string;
  reason: string;
  steps: PlannedStep[];
}

// An interaction token lives 15 minutes; a plan is only confirmable while its message can be edited.
const PENDING_TTL_SECONDS = 14 * 60;
const key = (id: string) => `admin:pending:${id}`;

const sealContext = (guildId: string, invoker: string) => ({
  tenant: guildId,
  subject: invoker,
  purpose: "admin.plan",
});

/** Stores a plan until confirmed: the invoker in the clear (to refuse others), the rest sealed. */
async function savePending(needs: AdminNeeds, actor: ToolActor, pending: Pending): Promise<string> {
  const id = newId("pl");
  const sealed = await needs.envelope.seal(
    JSON.stringify(pending),
    sealContext(actor.guildId, pending.invoker),
  );
  const stored = JSON.stringify({ invoker: pending.invoker, sealed });
  await needs.pending
    .tenant(actor.guildId)
    .set(key(id), stored, { ttlSeconds: PENDING_TTL_SECONDS, tags: [`user:${pending.invoker}`] });
  return id;
}

async function runCommand(needs: AdminNeeds, context: JobContext): Promise<void> {
  const payload = context.payload as CommandPayload;
  const { actor } = payload;
  const { tool, params } = toolCall(payload);
  const reason = `/${payload.command} ${payload.subcommand}`;
  const invocation = { tool, params, actor, reason, reference: context.job.id };
  if (needs.executor.get(tool)?.safety === "dangerous") {
    const prepared = await needs.executor.prepare(invocation);
    if (!prepared.ok) return context.reply(refusalMessage(prepared.refusal));
    const step = {
      tool,
      params: prepared.prepared.params,
      safety: prepared.prepared.safety,
      effect: prepared.prepared.plan,
    };
    const pendingId = await savePending(needs, actor, { invoker: actor.userId, reason, steps: [step] });
    return context.reply(confirmMessage(step, pendingId, actor.userId));
  }
  const outcome = await needs.executor.execute(invocation, {
    progress: (line) => context.reply(textMessage(line)),
    signal: context.signal,
  });
  await context.reply(
    outcome.ok ? textMessage(`✅ ${outcome.result.summary}`) : refusalMessage(outcome.refusal),
  );
}

/** Loads a pending plan for the member who pressed, or answers why not (and returns nothing). */
async function claim(
  needs: AdminNeeds,
  context: JobContext,
): Promise<(Pending & { id: string }) | undefined> {
  const { pendingId, actor } = context.payload as ConfirmPayload;
  const cache = needs.pending.tenant(actor.guildId);
  const raw = await cache.get(key(pendingId));
  if (!raw) {
    await context.reply(
      textMessage(
        "This confirmation has expired or was already used; nothing was changed. Run the command again.",
      ),
    );
    return undefined;
  }
  const stored = JSON.parse(raw) as { invoker: string; sealed: Sealed };
  if (stored.invoker !== actor.userId) {
    await context.followUp(
      privateNote(`Only <@${stored.invoker}>, who asked for this, can confirm or cancel it.`),
    );
    return undefined;
  }
  await cache.delete(key(pendingId));
  const opened = await needs.envelope.open(stored.sealed, sealContext(actor.guildId, stored.invoker));
  return { ...(JSON.parse(opened) as Pending), id: pendingId };
}

async function confirm(needs: AdminNeeds, context: JobContext): Promise<void> {
  const pending = await claim(needs, context);
  if (!pending) return;
  // The member who pressed, with their roles now: every check runs again before each step.
  const { actor } = context.payload as ConfirmPayload;
  const results: string[] = [];
  for (const [index, step] of pending.steps.entries()) {
    results[index] = "⏳ running";
    await context.reply(progressMessage(pending.steps, results));
    const outcome = await needs.executor.execute(
      {
        tool: step.tool,
        params: step.params,
        actor,
        reason: pending.reason,
        reference: `${context.job.id}:${index + 1}`,
      },
      {
        progress: (line) => context.reply(progressMessage(pending.steps, results, line)),
        signal: context.signal,
      },
    );
    if (!outcome.ok) {
      results[index] = `✋ ${outcome.refusal.message} ${outcome.refusal.fix}`;
      const stopped =
        pending.steps.length > index + 1 ? "Stopped at the first failure; later steps did not run." : "";
      return context.reply(progressMessage(pending.steps, results, stopped));
    }
    results[index] = `✅ ${outcome.result.summary}`;
  }
  await context.reply(progressMessage(pending.steps, results));
}

async function cancel(needs: AdminNeeds, context: JobContext): Promise<void> {
  const pending = await claim(needs, context);
  if (pending) await context.reply(textMessage("Cancelled; nothing was changed."));
}

async function agent(needs: AdminNeeds, context: JobContext): Promise<void> {
  const payload = context.payload as CommandPayload;
  const request = String(payload.options.request ?? "");
  if (!needs.chat)
    return context.reply(
      textMessage(
        "/do needs a language model, and none is configured: set OPENAI_API_KEY (or OPENAI_BASE_URL for a compatible server) and try again. The admin commands (/role, /channel, /message, /webhook, /server) work without one.",
      ),
    );
  const limits = needs.limits;
  const run = await runAgent({
    chat: needs.chat,
    executor: needs.executor,
    actor: payload.actor,
    request,
    reference: context.job.id,
    signal: context.signal,
    ...(limits ? { limits } : {}),
  });
  const stopped = run.stoppedBy ? ` · stopped: ${run.stoppedBy} limit reached` : "";
  const read = run.ran.length > 0 ? `Read: ${run.ran.map((entry) => `\`${entry.tool}\``).join(", ")} · ` : "";
  const footer = `-# ${read}${run.steps} model steps · ${run.tokens} tokens${stopped}`;
  if (run.plan.length === 0)
    return context.reply(textMessage(`${run.answer || "I have nothing to do for that request."}\n${footer}`));
  const pendingId = await savePending(needs, payload.actor, {
    invoker: payload.actor.userId,
    reason: `/do: ${request}`.slice(0, 200),
    steps: run.plan,
  });
  await context.reply(planMessage(run.answer, run.plan, footer, pendingId, payload.actor.userId));
}

/**
 * The admin plugin's job handlers, built from exactly what they need.
 *
 * @example
 * const jobs = createAdminJobs({ executor, pending: caches, chat });
 * await jobs["admin.run"](context);
 */
export function createAdminJobs(needs: AdminNeeds) {
  return {
    "admin.run": (context: JobContext) => runCommand(needs, context),
    "admin.confirm": (context: JobContext) => confirm(needs, context),
    "admin.cancel": (context: JobContext) => cancel(needs, context),
    "admin.do": (context: JobContext) => agent(needs, context),
  };
}
