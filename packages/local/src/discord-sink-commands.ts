import { commandLimitViolations } from "@megawatts/discord/commands";
import type { DiscordErrorBody } from "./discord-sink-messages.ts";

type Json = Record<string, unknown>;

interface StoredCommand {
  /** The definition as last submitted, to tell whether an overwrite changed it. */
  source: string;
  command: Json;
}

/** Application commands per application (and guild), kept in memory like Discord keeps them. */
export class CommandStore {
  readonly #scopes = new Map<string, StoredCommand[]>();
  readonly #nextId: () => string;

  constructor(nextId: () => string) {
    this.#nextId = nextId;
  }

  /** The commands of a scope as Discord lists them; localizations only when asked for. */
  list(applicationId: string, guildId: string | undefined, withLocalizations: boolean): Json[] {
    const stored = this.#scopes.get(scopeKey(applicationId, guildId)) ?? [];
    return stored.map(({ command }) => (withLocalizations ? command : withoutLocalizations(command)));
  }

  /** Bulk overwrite: keeps ids of commands whose type and name stay, bumps versions of changed ones. */
  overwrite(applicationId: string, guildId: string | undefined, body: unknown): Json[] | DiscordErrorBody {
    if (!Array.isArray(body))
      return { message: "Invalid Form Body", code: 50035, errors: { _errors: [arrayExpected] } };
    const problems = commandLimitViolations(body as Parameters<typeof commandLimitViolations>[0]);
    if (problems.length > 0) {
      const errors = problems.map((message) => ({ code: "APPLICATION_COMMAND_INVALID", message }));
      return { message: "Invalid Form Body", code: 50035, errors: { _errors: errors } };
    }
    const key = scopeKey(applicationId, guildId);
    const previous = this.#scopes.get(key) ?? [];
    const stored = (body as Json[]).map((definition) =>
      this.#store(definition, previous, applicationId, guildId),
    );
    this.#scopes.set(key, stored);
    return stored.map(({ command }) => command);
  }

  #store(
    definition: Json,
    previous: StoredCommand[],
    applicationId: string,
    guildId?: string,
  ): StoredCommand {
    const type = typeof definition.type === "number" ? definition.type : 1;
    const old = previous.find(({ command }) => command.type === type && command.name === definition.name);
    const source = JSON.stringify(definition);
    const scope = guildId
      ? { guild_id: guildId }
      : { dm_permission: true, contexts: null, integration_types: [0] };
    const command: Json = {
      id: old?.command.id ?? this.#nextId(),
      application_id: applicationId,
      version: old && old.source === source ? old.command.version : this.#nextId(),
      default_member_permissions: null,
      type,
      name: definition.name,
      description: "",
      ...scope,
      nsfw: false,
      ...definition,
      name_localizations: definition.name_localizations ?? null,
      description_localizations: definition.description_localizations ?? null,
    };
    return { source, command };
  }
}

const arrayExpected = { code: "BASE_TYPE_ARRAY", message: "Must be an array." };

function scopeKey(applicationId: string, guildId: string | undefined): string {
  return guildId ? `${applicationId}/${guildId}` : applicationId;
}

function withoutLocalizations(node: Json): Json {
  const { name_localizations: _name, description_localizations: _description, options, ...rest } = node;
  if (!Array.isArray(options)) return rest;
  return { ...rest, options: (options as Json[]).map(withoutLocalizations) };
}
