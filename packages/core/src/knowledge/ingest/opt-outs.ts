import { itemKeys } from "../../data/keys.ts";
import type { DocumentStore } from "../../data/ports.ts";
import type { OptOutCheck } from "./ports.ts";

/**
 * The opt-out as the data layer keeps it: a member's `user-profile` item with
 * `preferences.forgetMe === true` (reads through `data.documents` come back upgraded, so an
 * older profile's top-level flag counts too).
 *
 * @example
 * const optOuts = profileOptOuts(data.documents);
 * await optOuts.optedOut(guildId, authorIds);
 */
export function profileOptOuts(documents: DocumentStore): OptOutCheck {
  return {
    async optedOut(guildId, userIds) {
      const unique = [...new Set(userIds)];
      const profiles = await documents.batchGet(
        unique.map((userId) => itemKeys.userProfile(guildId, userId)),
      );
      const out = new Set<string>();
      profiles.forEach((profile, i) => {
        const preferences = profile?.data.preferences as { forgetMe?: unknown } | undefined;
        if (preferences?.forgetMe === true) out.add(unique[i] as string);
      });
      return out;
    },
  };
}

/**
 * A fixed set of opted-out members (tests, the CLI).
 *
 * @example
 * staticOptOuts(["80351110224678912"])
 */
export function staticOptOuts(userIds: Iterable<string> = []): OptOutCheck {
  const out = new Set(userIds);
  return { optedOut: async (_guildId, ids) => new Set(ids.filter((id) => out.has(id))) };
}
