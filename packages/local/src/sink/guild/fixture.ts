import { readFile } from "node:fs/promises";
import { ChannelType, OverwriteType, PermissionFlagsBits } from "discord-api-types/v10";
import { z } from "zod";

const id = z.string().regex(/^\d{17,20}$/, "a snowflake id");
const permissionName = z.enum(Object.keys(PermissionFlagsBits) as [keyof typeof PermissionFlagsBits]);

const RoleFixture = z.object({
  id,
  name: z.string().min(1),
  position: z.number().int().min(0),
  permissions: z.array(permissionName).default([]),
  color: z.number().int().default(0),
});
const MemberFixture = z.object({
  userId: id,
  username: z.string().min(1),
  roles: z.array(id).default([]),
  bot: z.boolean().default(false),
  /** False for a member who turned off direct messages from server members (Discord answers 50007). */
  acceptsDms: z.boolean().default(true),
});
const OverwriteFixture = z.object({
  id,
  type: z.enum(["role", "member"]),
  allow: z.array(permissionName).default([]),
  deny: z.array(permissionName).default([]),
});
const ChannelFixture = z.object({
  id,
  name: z.string().min(1),
  type: z.enum(["text", "voice", "category"]).default("text"),
  parentId: id.optional(),
  topic: z.string().optional(),
  overwrites: z.array(OverwriteFixture).default([]),
});
const MessageFixture = z.object({
  channelId: id,
  authorId: id,
  content: z.string(),
  /** How long ago it was sent, in minutes. */
  ageMinutes: z.number().min(0).default(5),
  pinned: z.boolean().default(false),
});

/** A server the sink models: who is in it, its roles, channels and their first messages. */
export const GuildFixtureSchema = z.object({
  id,
  name: z.string().min(1),
  ownerId: id,
  /** The bot's user id (its application id): requests with the bot token act as this member. */
  botUserId: id,
  roles: z.array(RoleFixture),
  members: z.array(MemberFixture),
  channels: z.array(ChannelFixture),
  messages: z.array(MessageFixture).default([]),
});
export type GuildFixture = z.input<typeof GuildFixtureSchema>;
export type ParsedGuildFixture = z.output<typeof GuildFixtureSchema>;

export const CHANNEL_TYPES = {
  text: ChannelType.GuildText,
  voice: ChannelType.GuildVoice,
  category: ChannelType.GuildCategory,
} as const;
export const OVERWRITE_TYPES = { role: OverwriteType.Role, member: OverwriteType.Member } as const;

/** Ids of the default local server, fixed so repeated runs and the simulator agree. */
export const LOCAL_GUILD = {
  guildId: "1100000000000000002",
  generalId: "1100000000000000003",
  announcementsId: "1100000000000000021",
  staffId: "1100000000000000022",
  loungeId: "1100000000000000023",
  categoryId: "1100000000000000020",
  botId: "1100000000000000001",
  ownerId: "1100000000000000010",
  adminId: "1100000000000000011",
  moderatorId: "1100000000000000012",
  memberId: "1100000000000000013",
  otherMemberId: "1100000000000000014",
  testerId: "1100000000000000004",
  roles: {
    member: "1100000000000000031",
    moderator: "1100000000000000032",
    bot: "1100000000000000033",
    admin: "1100000000000000034",
  },
} as const;

const g = LOCAL_GUILD;
const EVERYONE: (keyof typeof PermissionFlagsBits)[] = [
  "ViewChannel",
  "SendMessages",
  "ReadMessageHistory",
  "AddReactions",
  "UseApplicationCommands",
  "CreatePublicThreads",
  "SendMessagesInThreads",
  "EmbedLinks",
  "AttachFiles",
];

/** The local server `npm run dev` starts with: an owner, an admin, a moderator, members and the bot. */
export const DEFAULT_GUILD_FIXTURE: GuildFixture = {
  id: g.guildId,
  name: "megawatts local",
  ownerId: g.ownerId,
  botUserId: g.botId,
  roles: [
    { id: g.guildId, name: "@everyone", position: 0, permissions: EVERYONE },
    { id: g.roles.member, name: "Member", position: 1 },
    {
      id: g.roles.moderator,
      name: "Moderator",
      position: 2,
      permissions: [
        "ManageMessages",
        "PinMessages",
        "KickMembers",
        "ModerateMembers",
        "ManageRoles",
        "ManageChannels",
        "ManageWebhooks",
        "ViewAuditLog",
        "ManageThreads",
      ],
    },
    {
      id: g.roles.bot,
      name: "megawatts",
      position: 3,
      permissions: [
        "ManageRoles",
        "ManageChannels",
        "KickMembers",
        "BanMembers",
        "ModerateMembers",
        "ManageMessages",
        "PinMessages",
        "ManageWebhooks",
        "ViewAuditLog",
        "ManageThreads",
        "CreatePrivateThreads",
        "ManageGuild",
      ],
    },
    { id: g.roles.admin, name: "Admin", position: 4, permissions: ["Administrator"] },
  ],
  members: [
    { userId: g.ownerId, username: "ada", roles: [g.roles.admin] },
    { userId: g.adminId, username: "grace", roles: [g.roles.admin] },
    { userId: g.moderatorId, username: "linus", roles: [g.roles.moderator, g.roles.member] },
    { userId: g.memberId, username: "margaret", roles: [g.roles.member] },
    { userId: g.otherMemberId, username: "ken", roles: [g.roles.member], acceptsDms: false },
    { userId: g.testerId, username: "tester", roles: [g.roles.member] },
    { userId: g.botId, username: "megawatts", roles: [g.roles.bot], bot: true },
  ],
  channels: [
    { id: g.categoryId, name: "Text", type: "category" },
    { id: g.generalId, name: "general", parentId: g.categoryId, topic: "Anything goes" },
    {
      id: g.announcementsId,
      name: "announcements",
      parentId: g.categoryId,
      overwrites: [{ id: g.guildId, type: "role", deny: ["SendMessages"] }],
    },
    {
      id: g.staffId,
      name: "staff",
      parentId: g.categoryId,
      overwrites: [
        { id: g.guildId, type: "role", deny: ["ViewChannel"] },
        { id: g.roles.moderator, type: "role", allow: ["ViewChannel"] },
        { id: g.roles.bot, type: "role", allow: ["ViewChannel"], deny: ["ManageMessages", "ManageChannels"] },
      ],
    },
    { id: g.loungeId, name: "Lounge", type: "voice" },
  ],
  messages: [
    { channelId: g.generalId, authorId: g.memberId, content: "Welcome everyone!", ageMinutes: 30 * 24 * 60 },
    {
      channelId: g.generalId,
      authorId: g.otherMemberId,
      content: "Has anyone read the rules?",
      ageMinutes: 20 * 24 * 60,
    },
    {
      channelId: g.generalId,
      authorId: g.memberId,
      content: "The meeting is on Friday.",
      ageMinutes: 60,
      pinned: true,
    },
    {
      channelId: g.generalId,
      authorId: g.otherMemberId,
      content: "buy cheap coins at example.com",
      ageMinutes: 30,
    },
    {
      channelId: g.generalId,
      authorId: g.otherMemberId,
      content: "buy cheap coins at example.com!!",
      ageMinutes: 29,
    },
    { channelId: g.generalId, authorId: g.memberId, content: "Please stop spamming.", ageMinutes: 20 },
    { channelId: g.staffId, authorId: g.moderatorId, content: "Staff meeting notes.", ageMinutes: 90 },
  ],
};

/**
 * A guild fixture from a JSON file, checked; the default local server without a path.
 *
 * @example
 * const fixture = await loadGuildFixture(process.env.MEGAWATTS_SINK_GUILD);
 */
export async function loadGuildFixture(path?: string): Promise<ParsedGuildFixture> {
  if (!path) return GuildFixtureSchema.parse(DEFAULT_GUILD_FIXTURE);
  const raw: unknown = JSON.parse(await readFile(path, "utf8"));
  const parsed = GuildFixtureSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`the guild fixture ${path} is not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * The sink's options for its servers from the local configuration (429s on request).
 *
 * @example
 * startDiscordSink({ guilds: [fixture], ...sinkGuildOptions(config) });
 */
export function sinkGuildOptions(config: { sinkRateLimitEvery?: number }) {
  return config.sinkRateLimitEvery ? { guildOptions: { rateLimitEvery: config.sinkRateLimitEvery } } : {};
}
