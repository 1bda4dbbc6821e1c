import { createHash, randomBytes } from "node:crypto";
import type { GuildSink } from "../guild/index.ts";
import { authorizePage } from "./page.ts";

/** What the sink's HTTP server answers: a status, and a JSON body, an HTML page or a redirect. */
export interface OAuthReply {
  status: number;
  body?: unknown;
  html?: string;
  location?: string;
}

interface Grant {
  userId: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  scopes: string[];
  expiresAt: number;
}

const CODE_TTL_MS = 10 * 60_000;
const TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;

const tokenError = (error: string, description: string): OAuthReply => ({
  status: 400,
  body: { error, error_description: description },
});
const unauthorized: OAuthReply = { status: 401, body: { message: "401: Unauthorized", code: 0 } };

const random = () => randomBytes(24).toString("base64url");
const s256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

/** `Basic base64(id:secret)` or the body's `client_id`, as Discord accepts both. */
function clientOf(authorization: string | undefined, form: Record<string, string>) {
  const basic = /^Basic (.+)$/.exec(authorization ?? "")?.[1];
  if (!basic) return form.client_id;
  return Buffer.from(basic, "base64").toString("utf8").split(":")[0];
}

/**
 * Discord's OAuth2 provider, locally: an authorize page that lets you pick one of the modelled
 * servers' members, the authorization-code grant with PKCE (S256 only) at `/oauth2/token`, and
 * `/users/@me` and `/users/@me/guilds` for the tokens it issued, with each guild's `owner` and
 * base `permissions` computed from the member's roles as Discord does. A bot token gets the
 * bot's own guilds.
 */
export class OAuthProvider {
  readonly #codes = new Map<string, Grant>();
  readonly #tokens = new Map<string, { userId: string; expiresAt: number }>();

  constructor(readonly guilds: GuildSink) {}

  /** Everyone the modelled servers know, bots aside, once each. */
  #people() {
    const seen = new Map<string, string>();
    for (const guild of this.guilds.guilds())
      for (const member of guild.members.values())
        if (member.user && !member.user.bot) seen.set(member.user.id, member.user.username);
    return [...seen].map(([id, username]) => ({ id, username }));
  }

  authorize(method: string, params: URLSearchParams): OAuthReply {
    const required = ["client_id", "redirect_uri", "state", "code_challenge"];
    const missing = required.filter((name) => !params.get(name));
    if (params.get("response_type") !== "code" || missing.length > 0)
      return {
        status: 400,
        html: authorizePage({
          error: `Invalid OAuth2 request: missing ${missing.join(", ") || "response_type=code"}.`,
        }),
      };
    if (params.get("code_challenge_method") !== "S256")
      return {
        status: 400,
        html: authorizePage({ error: "Invalid OAuth2 request: code_challenge_method must be S256." }),
      };
    if (method === "GET") return { status: 200, html: authorizePage({ params, people: this.#people() }) };
    const userId = params.get("user_id") ?? "";
    if (!this.#people().some((person) => person.id === userId))
      return { status: 400, html: authorizePage({ error: "Pick one of the listed members." }) };
    const code = random();
    this.#codes.set(code, {
      userId,
      clientId: params.get("client_id") ?? "",
      redirectUri: params.get("redirect_uri") ?? "",
      challenge: params.get("code_challenge") ?? "",
      scopes: (params.get("scope") ?? "").split(" ").filter(Boolean),
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    const target = new URL(params.get("redirect_uri") ?? "");
    target.searchParams.set("code", code);
    target.searchParams.set("state", params.get("state") ?? "");
    return { status: 302, location: target.toString() };
  }

  token(form: Record<string, string>, authorization: string | undefined): OAuthReply {
    if (form.grant_type !== "authorization_code")
      return tokenError("unsupported_grant_type", 'Only "authorization_code" is supported here.');
    const grant = this.#codes.get(form.code ?? "");
    this.#codes.delete(form.code ?? ""); // a code is good for one try
    if (!grant || grant.expiresAt < Date.now())
      return tokenError("invalid_grant", 'Invalid "code" in request.');
    if (clientOf(authorization, form) !== grant.clientId)
      return { status: 401, body: { error: "invalid_client" } };
    if (form.redirect_uri !== grant.redirectUri)
      return tokenError("invalid_grant", 'Invalid "redirect_uri" in request.');
    if (!form.code_verifier || s256(form.code_verifier) !== grant.challenge)
      return tokenError("invalid_grant", 'Invalid "code_verifier" in request.');
    const accessToken = random();
    this.#tokens.set(accessToken, { userId: grant.userId, expiresAt: Date.now() + TOKEN_TTL_SECONDS * 1000 });
    return {
      status: 200,
      body: {
        access_token: accessToken,
        token_type: "Bearer",
        expires_in: TOKEN_TTL_SECONDS,
        refresh_token: random(),
        scope: grant.scopes.join(" "),
      },
    };
  }

  /** `/users/@me` and `/users/@me/guilds`, or undefined for any other path. */
  users(path: string, authorization: string | undefined): OAuthReply | undefined {
    if (path !== "/users/@me" && path !== "/users/@me/guilds") return undefined;
    const userId = this.#caller(authorization);
    if (!userId) return unauthorized;
    const guilds = this.guilds.guilds().filter((guild) => guild.members.has(userId));
    if (path === "/users/@me") {
      const user = guilds[0]?.members.get(userId)?.user;
      return { status: 200, body: { id: userId, username: user?.username, global_name: null, avatar: null } };
    }
    return {
      status: 200,
      body: guilds.map((guild) => ({
        id: guild.id,
        name: guild.name,
        icon: null,
        owner: guild.ownerId === userId,
        permissions: guild.permissionsOf(userId).toString(),
        features: [],
      })),
    };
  }

  #caller(authorization: string | undefined): string | undefined {
    const bot = /^Bot \S+$/.test(authorization ?? "");
    if (bot) return this.guilds.guilds()[0]?.botUserId;
    const bearer = /^Bearer (\S+)$/.exec(authorization ?? "")?.[1];
    const token = bearer ? this.#tokens.get(bearer) : undefined;
    return token && token.expiresAt > Date.now() ? token.userId : undefined;
  }
}
