import { createHash } from "node:crypto";

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/**
 * `script` without the `allow-key-locking` flag, which Upstash accepts and Redis 7.0 rejects
 * ("Unexpected flag in script shebang"). Other flags stay; a shebang left with no flag is
 * blanked (not removed, so error line numbers still match).
 *
 * @example
 * stripKeyLockingFlag("#!lua flags=allow-key-locking\nreturn 1") // "\nreturn 1"
 */
export function stripKeyLockingFlag(script: string): string {
  const match = /^#!lua[ \t]+flags=([^\r\n]*)/.exec(script);
  if (!match?.[1]?.split(",").includes("allow-key-locking")) return script;
  const flags = match[1].split(",").filter((flag) => flag !== "allow-key-locking");
  const shebang = flags.length > 0 ? `#!lua flags=${flags.join(",")}` : "";
  return shebang + script.slice(match[0].length);
}

export interface PreparedCommand {
  args: string[];
  /** Turns Redis's reply into the one the client expects (the SHA of the script it sent). */
  mapReply?: (reply: unknown) => unknown;
}

/**
 * Rewrites script commands so scripts with the Upstash-only flag run on Redis 7.0, while the
 * client keeps using the SHA of the script it sent: `EVALSHA`/`SCRIPT EXISTS` translate it to
 * the SHA Redis knows, and `SCRIPT LOAD` answers with the client's SHA.
 *
 * @example
 * const prepare = createScriptRewriter();
 * const { args, mapReply } = prepare(["SCRIPT", "LOAD", script]);
 */
export function createScriptRewriter(): (command: string[]) => PreparedCommand {
  const redisShaOf = new Map<string, string>();
  const rewrite = (script: string) => {
    const stripped = stripKeyLockingFlag(script);
    if (stripped !== script) redisShaOf.set(sha1(script), sha1(stripped));
    return stripped;
  };
  const translate = (sha: string) => redisShaOf.get(sha.toLowerCase()) ?? sha;

  return (command) => {
    const [name = "", first = "", ...rest] = command;
    const verb = name.toUpperCase();
    if ((verb === "EVAL" || verb === "EVAL_RO") && command.length > 1) {
      return { args: [name, rewrite(first), ...rest] };
    }
    if ((verb === "EVALSHA" || verb === "EVALSHA_RO") && command.length > 1) {
      return { args: [name, translate(first), ...rest] };
    }
    if (verb === "SCRIPT" && first.toUpperCase() === "LOAD" && rest.length === 1) {
      const script = rest[0] as string;
      const stripped = rewrite(script);
      if (stripped === script) return { args: command };
      return { args: [name, first, stripped], mapReply: () => Buffer.from(sha1(script)) };
    }
    if (verb === "SCRIPT" && first.toUpperCase() === "EXISTS") {
      return { args: [name, first, ...rest.map(translate)] };
    }
    return { args: command };
  };
}
