import { isNoVectorIndex, isPluginEnabled, KnowledgeInputError, search, syncMarkers } from "@megawatts/core";
import { PermissionFlagsBits } from "discord-api-types/v10";
import { Hono } from "hono";
import { z } from "zod";
import type { DashboardDeps, DashboardEnv } from "../context.ts";
import { refuse } from "../errors.ts";

const SearchQuerySchema = z.object({
  q: z.string().trim().min(1, "Type something to search for.").max(300),
  cursor: z.string().max(100).optional(),
});

/**
 * Knowledge in one server, as `/knowledge` shows it (whether indexing is on, the indexed
 * channels and their last sync, what searches and answers), and a search box over it. Search
 * reads every channel, so, as with `/search`, only Administrators search from here.
 */
export function knowledgeRoutes(deps: DashboardDeps) {
  const { knowledge, plugins, data } = deps.ports;
  return new Hono<DashboardEnv>()
    .get("/", async (c) => {
      const guild = c.var.guild.id;
      const indexing = plugins.get("indexing");
      const state = await plugins.state(guild);
      return c.json({
        indexing: indexing ? (isPluginEnabled(indexing, state) ? "on" : "off") : "not installed",
        channels: await syncMarkers(data).list(guild),
        vectors: knowledge.vectors,
        chat: knowledge.chat,
      });
    })
    .get("/search", async (c) => {
      if ((BigInt(c.var.guild.permissions) & PermissionFlagsBits.Administrator) === 0n)
        throw refuse(
          403,
          "Searching every channel from here needs the Administrator permission; /search in a channel searches what you can read there.",
        );
      const { q, cursor } = SearchQuerySchema.parse(c.req.query());
      const engine = await knowledge.deps();
      try {
        const page = await search(engine, {
          guildId: c.var.guild.id,
          ...(cursor ? { cursor } : { query: q, limit: 10 }),
          userId: c.var.session.userId,
        });
        return c.json(page);
      } catch (error) {
        if (error instanceof KnowledgeInputError) throw refuse(400, error.message);
        if (isNoVectorIndex(error))
          throw refuse(400, "This deployment has no vector index for semantic search.");
        throw error;
      }
    });
}
