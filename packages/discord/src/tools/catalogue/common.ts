import { z } from "zod";

export const snowflake = z.string().regex(/^\d{17,20}$/, "must be a Discord id (17 to 20 digits)");
export const channelId = snowflake.describe("The channel's id");
export const reasonless = z.object({});
export const mention = {
  channel: (id: string) => `<#${id}>`,
  role: (id: string) => `<@&${id}>`,
  user: (id: string) => `<@${id}>`,
};
