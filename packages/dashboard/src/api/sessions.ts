import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Clock, DocumentStore, Envelope } from "@megawatts/core";
import { z } from "zod";

/** A session lasts a week, like Discord's access token; the item expires with it (TTL). */
export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

export interface Session {
  id: string;
  userId: string;
  username: string;
  /** Sent back by the app on every state-changing call (`X-CSRF-Token`). */
  csrf: string;
  /** The user's Discord access token, opened from its sealed form. */
  accessToken: string;
  expiresAt: number;
}

const SessionDataSchema = z.object({
  userId: z.string(),
  username: z.string(),
  csrf: z.string(),
  accessToken: z.unknown(),
});

// The item's key is a hash of the cookie's value: a table read yields no usable session.
const keyOf = (id: string) => ({
  pk: `session#${createHash("sha256").update(id).digest("hex")}`,
  sk: "SESSION",
});
const sealContext = (userId: string) => ({ tenant: "dashboard", subject: userId, purpose: "session.token" });

/** The same bytes, compared in constant time. */
export function sameToken(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Dashboard sessions as warm-tier items with a TTL: the user, a CSRF token, and the Discord
 * access token sealed under the user's data key. Reads ignore expired items themselves (DynamoDB
 * deletes them lazily).
 *
 * @example
 * const session = await sessions.create({ userId, username, accessToken });
 */
export class SessionStore {
  constructor(private readonly deps: { store: DocumentStore; envelope: Envelope; clock: Clock }) {}

  async create(input: { userId: string; username: string; accessToken: string }): Promise<Session> {
    const id = randomBytes(32).toString("base64url");
    const csrf = randomBytes(32).toString("base64url");
    const now = this.deps.clock.now();
    const expiresAt = Math.floor(now / 1000) + SESSION_TTL_SECONDS;
    const accessToken = await this.deps.envelope.seal(input.accessToken, sealContext(input.userId));
    await this.deps.store.put(
      {
        ...keyOf(id),
        cls: "dashboard-session",
        v: 1,
        tenant: "system",
        createdAt: now,
        updatedAt: now,
        expiresAt,
        data: { userId: input.userId, username: input.username, csrf, accessToken },
      },
      { ifAbsent: true },
    );
    return { id, csrf, expiresAt, ...input };
  }

  async get(id: string | undefined): Promise<Session | undefined> {
    if (!id || !/^[\w-]{43}$/.test(id)) return undefined;
    const item = await this.deps.store.get(keyOf(id), { consistent: true });
    if (!item || (item.expiresAt ?? 0) * 1000 <= this.deps.clock.now()) return undefined;
    const data = SessionDataSchema.parse(item.data);
    const accessToken = await this.deps.envelope.open(
      data.accessToken as Parameters<Envelope["open"]>[0],
      sealContext(data.userId),
    );
    return { id, ...data, accessToken, expiresAt: item.expiresAt ?? 0 };
  }

  delete(id: string): Promise<void> {
    return this.deps.store.delete(keyOf(id));
  }
}
