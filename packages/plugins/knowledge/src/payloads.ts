import { z } from "zod";

const Snowflake = z.string().regex(/^\d{1,20}$/);

/** `/search`: the query, its filters, and the channels the member may read (absent: all). */
export const SearchPayloadSchema = z.object({
  query: z.string(),
  mode: z.enum(["semantic", "keyword", "hybrid"]).optional(),
  filters: z.object({
    channelId: Snowflake.optional(),
    authorId: Snowflake.optional(),
    after: z.number().optional(),
    before: z.number().optional(),
  }),
  channelIds: z.array(Snowflake).optional(),
});
export type SearchPayload = z.infer<typeof SearchPayloadSchema>;

/** A Previous/Next button: the engine's opaque cursor. */
export const PagePayloadSchema = z.object({
  cursor: z.string().max(100),
  /** The query as the page's message shows it (the cursor's saved search holds the real one). */
  query: z.string().max(100).optional(),
});
export type PagePayload = z.infer<typeof PagePayloadSchema>;

export const AskPayloadSchema = z.object({ question: z.string(), channelIds: z.array(Snowflake).optional() });
export type AskPayload = z.infer<typeof AskPayloadSchema>;

export const IndexPayloadSchema = z.object({ channelId: Snowflake, since: z.number().optional() });
export type IndexPayload = z.infer<typeof IndexPayloadSchema>;
