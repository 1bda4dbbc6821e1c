import type { SinkRequest } from "../../discord-sink-routes.ts";

/** A REST request as the guild routes see it, with the decoded `X-Audit-Log-Reason`. */
export interface GuildRequest extends SinkRequest {
  reason?: string | undefined;
}
