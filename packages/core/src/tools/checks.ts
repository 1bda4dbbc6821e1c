import type {
  APIGuild,
  APIGuildChannel,
  APIGuildMember,
  APIRole,
  GuildChannelType,
} from "discord-api-types/v10";
import type { ToolActor } from "./actor.ts";
import { DiscordRequestError, type DiscordRestPort, type DiscordRules } from "./ports.ts";
import { type Refusal, refuse } from "./refusal.ts";
import type { AnyTool, ToolTargets } from "./tool.ts";

/** What the checks read about a server through REST, once per execution. */
export interface GuildFacts {
  guild: Pick<APIGuild, "id" | "owner_id" | "roles">;
  bot: Pick<APIGuildMember, "roles">;
}

async function orNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof DiscordRequestError && (error.status === 404 || error.status === 403))
      return undefined;
    throw error;
  }
}

const roleName = (roles: readonly APIRole[], id: string | undefined) =>
  roles.find((role) => role.id === id)?.name ?? "none";

/** The actor's roles: the bot acting on its own (a scheduled unban, the mod log) holds the bot's. */
const rolesOf = (actor: ToolActor, facts: GuildFacts) =>
  actor.userId === actor.botUserId ? facts.bot.roles : actor.roleIds;

/**
 * The executor's checks before any call: member and bot permissions (in the target channel when
 * the tool names one, overwrites fetched through REST), role hierarchy, owner and self.
 */
export class ToolChecks {
  constructor(
    private readonly rest: DiscordRestPort,
    private readonly rules: DiscordRules,
  ) {}

  async facts(actor: ToolActor): Promise<GuildFacts> {
    const [guild, bot] = await Promise.all([
      this.rest.call<APIGuild>({ method: "GET", route: `/guilds/${actor.guildId}` }),
      this.rest.call<APIGuildMember>({
        method: "GET",
        route: `/guilds/${actor.guildId}/members/${actor.botUserId}`,
      }),
    ]);
    return { guild, bot };
  }

  async check(
    tool: AnyTool,
    targets: ToolTargets,
    actor: ToolActor,
    facts: GuildFacts,
  ): Promise<Refusal | undefined> {
    // A moderator never warns, times out, kicks or bans themselves by mistake.
    if (tool.category === "members" && targets.memberId === actor.userId)
      return refuse("self", "That is you; you cannot do this to yourself.", "Pick another member.");
    return (
      (await this.permissions(tool, targets, actor, facts)) ?? (await this.hierarchy(targets, actor, facts))
    );
  }

  /** The member's and the bot's permissions for this tool, guild-level or in its channel. */
  async permissions(
    tool: AnyTool,
    targets: ToolTargets,
    actor: ToolActor,
    facts: GuildFacts,
  ): Promise<Refusal | undefined> {
    const { guild } = facts;
    const ruleGuild = { id: guild.id, ownerId: guild.owner_id, roles: guild.roles };
    const member = { userId: actor.userId, roleIds: rolesOf(actor, facts) };
    const bot = { userId: actor.botUserId, roleIds: facts.bot.roles };
    let memberHeld = this.rules.basePermissions(ruleGuild, member);
    let botHeld = this.rules.basePermissions(ruleGuild, bot);
    let where = "in this server";
    if (tool.scope === "channel") {
      const channelId = targets.channelId ?? actor.channelId;
      const channel = await orNotFound(
        this.rest.call<APIGuildChannel<GuildChannelType>>({ method: "GET", route: `/channels/${channelId}` }),
      );
      // A channel of another server is as unknown here as a channel that does not exist.
      if (!channel || channel.guild_id !== actor.guildId)
        return refuse(
          "not-found",
          `There is no channel ${channelId} in this server that I can see.`,
          "Pick a channel of this server.",
        );
      const overwrites = channel.permission_overwrites ?? [];
      memberHeld = this.rules.channelPermissions(memberHeld, overwrites, guild.id, member);
      botHeld = this.rules.channelPermissions(botHeld, overwrites, guild.id, bot);
      where = `in <#${channelId}>`;
    }
    const memberMissing = this.rules.missingPermissions(
      memberHeld,
      this.rules.permissionBits(tool.memberPermissions),
    );
    // The bot acting on its own authority (a ticket, the mod log) is refused as the bot, below.
    if (memberMissing.length > 0 && actor.userId !== actor.botUserId)
      return refuse(
        "member-permission",
        `You need ${memberMissing.join(", ")} ${where} to use ${tool.name}.`,
        "Ask a server admin to give one of your roles that permission.",
      );
    const botMissing = this.rules.missingPermissions(botHeld, this.rules.permissionBits(tool.botPermissions));
    if (botMissing.length > 0)
      return refuse(
        "bot-permission",
        `I need ${botMissing.join(", ")} ${where} to run ${tool.name}.`,
        "Give the bot's role that permission in Server Settings → Roles (or in the channel's permissions).",
      );
    const grants = this.rules.permissionBits(targets.grants ?? []);
    const ungrantable = this.rules.missingPermissions(this.rules.basePermissions(ruleGuild, member), grants);
    if (ungrantable.length > 0)
      return refuse(
        "member-permission",
        `You cannot hand out ${ungrantable.join(", ")}: you do not have it yourself.`,
        "Leave those permissions out, or ask someone who has them.",
      );
    const botUngrantable = this.rules.missingPermissions(this.rules.basePermissions(ruleGuild, bot), grants);
    if (botUngrantable.length > 0)
      return refuse(
        "bot-permission",
        `I cannot hand out ${botUngrantable.join(", ")}: I do not have it myself.`,
        "Leave those permissions out, or give the bot's role them first.",
      );
    return undefined;
  }

  /** Nobody acts on a role or member at or above their own highest role, or the bot's; never the owner or the bot. */
  async hierarchy(targets: ToolTargets, actor: ToolActor, facts: GuildFacts): Promise<Refusal | undefined> {
    const { guild } = facts;
    const actorIsOwner = actor.userId === guild.owner_id;
    const actorTop = this.rules.highestRole(guild.roles, rolesOf(actor, facts), guild.id);
    const botTop = this.rules.highestRole(guild.roles, facts.bot.roles, guild.id);
    for (const roleId of targets.roleIds ?? []) {
      const role = guild.roles.find((candidate) => candidate.id === roleId);
      if (!role)
        return refuse(
          "not-found",
          `There is no role ${roleId} in this server.`,
          "Pick a role of this server.",
        );
      if (role.managed)
        return refuse(
          "hierarchy",
          `The role ${role.name} is managed by an integration.`,
          "Pick a role that people can be given.",
        );
      if (!actorIsOwner && !this.rules.outranks(actorTop, role))
        return refuse(
          "hierarchy",
          `Your highest role (${roleName(guild.roles, actorTop?.id)}) is not above ${role.name}.`,
          `Ask someone whose highest role is above ${role.name}.`,
        );
      if (!this.rules.outranks(botTop, role))
        return refuse(
          "hierarchy",
          `My highest role (${roleName(guild.roles, botTop?.id)}) is not above ${role.name}.`,
          `Move the bot's role above ${role.name} in Server Settings → Roles.`,
        );
    }
    const memberId = targets.memberId;
    if (!memberId) return undefined;
    if (memberId === guild.owner_id)
      return refuse(
        "owner",
        "That is the server owner; nobody can act on the owner.",
        "Leave the owner out of it.",
      );
    if (memberId === actor.botUserId)
      return refuse("self", "That is me; I do not act on myself.", "Pick another member.");

    const target = await orNotFound(
      this.rest.call<APIGuildMember>({ method: "GET", route: `/guilds/${guild.id}/members/${memberId}` }),
    );
    if (!target) {
      if (targets.userMayBeAbsent) return undefined;
      return refuse(
        "not-found",
        `<@${memberId}> is not a member of this server.`,
        "Pick a member of this server.",
      );
    }
    const targetTop = this.rules.highestRole(guild.roles, target.roles, guild.id);
    if (targetTop && !actorIsOwner && !this.rules.outranks(actorTop, targetTop))
      return refuse(
        "hierarchy",
        `<@${memberId}>'s highest role (${roleName(guild.roles, targetTop.id)}) is not below yours.`,
        "Ask someone whose highest role is above theirs.",
      );
    if (targetTop && !this.rules.outranks(botTop, targetTop))
      return refuse(
        "hierarchy",
        `<@${memberId}>'s highest role (${roleName(guild.roles, targetTop.id)}) is not below mine.`,
        `Move the bot's role above ${roleName(guild.roles, targetTop.id)} in Server Settings → Roles.`,
      );
    return undefined;
  }
}
