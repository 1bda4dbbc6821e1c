import type { z } from "zod";
import type { AuditLog } from "../data/audit.ts";
import type { Clock } from "../ports/observability.ts";
import type { ToolActor } from "./actor.ts";
import { ToolChecks } from "./checks.ts";
import { DiscordRequestError, type DiscordRestPort, type DiscordRules } from "./ports.ts";
import type { DangerousLimiter } from "./rate-limit.ts";
import { type Refusal, refuse } from "./refusal.ts";
import type { AnyTool, SafetyLevel, ToolResult, ToolTargets } from "./tool.ts";

const MAX_REASON = 512;
const ID = /^[\w-]{1,64}$/;

/** A request to run one tool for one member. */
export interface ToolInvocation {
  tool: string;
  params: unknown;
  actor: ToolActor;
  /** Why, in the member's words; it goes to Discord's audit log after the member's id. */
  reason?: string;
  /** The interaction or job id, kept in the audit entry. */
  reference: string;
}

/** A tool ready to run: parameters valid and every check passed at the time of preparing. */
export interface PreparedTool {
  tool: AnyTool;
  params: unknown;
  plan: string;
  safety: SafetyLevel;
  targets: ToolTargets;
}

export type Prepared = { ok: true; prepared: PreparedTool } | { ok: false; refusal: Refusal };
export type ToolOutcome = { ok: true; result: ToolResult; plan: string } | { ok: false; refusal: Refusal };

export interface ToolExecutorDeps {
  tools: readonly AnyTool[];
  rest: DiscordRestPort;
  rules: DiscordRules;
  audit: Pick<AuditLog, "record">;
  limiter: DangerousLimiter;
  clock: Clock;
}

function issues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
}

function reasonHeader(actor: ToolActor, reason: string | undefined, tool: string): string {
  return `${actor.userId}: ${reason?.trim() || tool}`.slice(0, MAX_REASON);
}

function discordRefusal(tool: AnyTool, error: DiscordRequestError): Refusal {
  if (error.status === 404)
    return refuse(
      "not-found",
      `Discord could not find what ${tool.name} acts on (${error.message}).`,
      "Check the id and try again.",
    );
  return refuse(
    "discord",
    `Discord refused ${tool.name}: ${error.message} (code ${error.code}).`,
    error.status === 403
      ? "Check the bot's role permissions and its position in Server Settings → Roles."
      : "Change the request and try again.",
  );
}

/**
 * Runs tools safely: validates parameters, checks the member's and the bot's permissions (in the
 * target channel, overwrites applied), the role hierarchy, owner and self, limits dangerous tools
 * per server, then calls Discord with `X-Audit-Log-Reason` and writes an ids-only audit entry.
 * Every refusal names the rule and what would fix it.
 *
 * @example
 * const executor = createToolExecutor({ tools: discordTools, rest, rules, audit, limiter, clock });
 * const outcome = await executor.execute({ tool: "role_create", params: { name: "Helpers" }, actor, reference });
 */
export function createToolExecutor(deps: ToolExecutorDeps) {
  const byName = new Map(deps.tools.map((tool) => [tool.name, tool]));
  const checks = new ToolChecks(deps.rest, deps.rules);

  async function prepare(invocation: ToolInvocation): Promise<Prepared> {
    const tool = byName.get(invocation.tool);
    if (!tool)
      return {
        ok: false,
        refusal: refuse(
          "unknown-tool",
          `There is no tool called ${invocation.tool}.`,
          `Use one of: ${[...byName.keys()].join(", ")}.`,
        ),
      };
    const parsed = tool.parameters.safeParse(invocation.params);
    if (!parsed.success)
      return {
        ok: false,
        refusal: refuse(
          "parameters",
          `The parameters for ${tool.name} are not valid: ${issues(parsed.error)}.`,
          "Correct them and try again.",
        ),
      };
    const params = parsed.data;
    const targets = tool.targets(params, { channelId: invocation.actor.channelId });
    const facts = await checks.facts(invocation.actor);
    const refusal = await checks.check(tool, targets, invocation.actor, facts);
    if (refusal) return { ok: false, refusal };
    return { ok: true, prepared: { tool, params, plan: tool.plan(params), safety: tool.safety, targets } };
  }

  async function execute(
    invocation: ToolInvocation,
    options: { progress?: (text: string) => Promise<void>; signal?: AbortSignal } = {},
  ): Promise<ToolOutcome> {
    const ready = await prepare(invocation);
    if (!ready.ok) return ready;
    const { tool, params, targets, plan } = ready.prepared;
    const { actor } = invocation;
    if (tool.safety === "dangerous") {
      const wait = await deps.limiter.take(actor.guildId, tool.name);
      if (wait > 0)
        return {
          ok: false,
          refusal: refuse(
            "rate-limit",
            `This server has used ${tool.name} ${deps.limiter.limit.max} times in the last ${deps.limiter.limit.windowSeconds} seconds.`,
            `Wait ${wait} seconds and try again.`,
          ),
        };
    }
    const reason = reasonHeader(actor, invocation.reason, tool.name);
    const rest: DiscordRestPort = {
      call: (request) => deps.rest.call(request.method === "GET" ? request : { ...request, reason }),
    };
    let result: ToolResult;
    try {
      result = await tool.run(params, {
        guildId: actor.guildId,
        channelId: actor.channelId,
        botUserId: actor.botUserId,
        rest,
        clock: deps.clock,
        progress: options.progress ?? (async () => {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      if (
        error instanceof DiscordRequestError &&
        error.status >= 400 &&
        error.status < 500 &&
        error.status !== 429
      )
        return { ok: false, refusal: discordRefusal(tool, error) };
      throw error;
    }
    const subject = [targets.memberId, targets.roleIds?.[0], targets.channelId].find(
      (id) => id && ID.test(id),
    );
    await deps.audit.record({
      actor: `user:${actor.userId}`,
      action: `tool.${tool.name.replaceAll("_", "-")}`,
      tenant: actor.guildId,
      ...(subject ? { subject } : {}),
      reference: invocation.reference,
    });
    return { ok: true, result, plan };
  }

  return {
    tools: [...byName.values()],
    get: (name: string) => byName.get(name),
    prepare,
    execute,
    /** Only the permission checks, for choosing which tools to offer a member (no targets yet). */
    async allowedTools(actor: ToolActor): Promise<AnyTool[]> {
      const facts = await checks.facts(actor);
      const allowed: AnyTool[] = [];
      for (const tool of byName.values()) {
        const guildLevel = { ...tool, scope: "guild" as const };
        if (!(await checks.permissions(guildLevel, {}, actor, facts))) allowed.push(tool);
      }
      return allowed;
    },
  };
}
export type ToolExecutor = ReturnType<typeof createToolExecutor>;
