import { DiscordAPIError, type REST } from "@discordjs/rest";
import { createDiscordRest } from "@megawatts/discord/rest";
import { afterEach, beforeEach, expect } from "vitest";
import { type DiscordSink, startDiscordSink } from "../../discord-sink.ts";
import { DEFAULT_GUILD_FIXTURE } from "./index.ts";

/**
 * A sink serving the default server and a REST client on it, fresh for each test of the file.
 *
 * @example
 * const local = useGuildSink();
 * it("…", async () => { await local.rest.get(Routes.guild(G.guildId)); });
 */
export function useGuildSink(): { readonly sink: DiscordSink; readonly rest: REST } {
  const local = {} as { sink: DiscordSink; rest: REST };
  beforeEach(async () => {
    local.sink = await startDiscordSink({ port: 0, guilds: [DEFAULT_GUILD_FIXTURE] });
    local.rest = createDiscordRest({ apiUrl: local.sink.url, token: "local" });
  });
  afterEach(() => local.sink.close());
  return local;
}

/** Discord's refusal of a call that must fail: HTTP status, JSON error code and field errors. */
export async function refusalOf(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  const { status, code, rawError } = error as DiscordAPIError;
  return { status, code, errors: JSON.stringify("errors" in rawError ? rawError.errors : {}) };
}
