import { matchesAny } from "../../glob.ts";
import {
  DANGEROUS_MODULES,
  FS_MODULES,
  FS_WRITES,
  GLOBAL_OBJECTS,
  MODULE_LOADERS,
  PROCESS_INTERNALS,
} from "./names.ts";
import { describe, type Ref } from "./refs.ts";

/** A rule and the reason, for a reference the code may not reach. */
export interface Danger {
  rule: string;
  why: string;
  /** Whether the message starts with the offending code (default true). */
  quote?: boolean;
}

const WHAT_MODULES_DO: Record<string, string> = {
  child_process: "runs programs",
  vm: "evaluates code",
  worker_threads: "runs code in new threads",
  net: "opens raw sockets",
  dgram: "opens raw sockets",
  tls: "opens raw sockets",
  http2: "opens raw sockets",
  cluster: "forks processes",
  inspector: "attaches a debugger",
  repl: "evaluates code",
  v8: "reaches engine internals",
  wasi: "runs WebAssembly with system access",
};

/** Why loading a module is refused, or undefined when it may be loaded. */
export function moduleDanger(name: string): Danger | undefined {
  const root = name.split("/")[0] ?? name;
  if (!DANGEROUS_MODULES.has(name) && !DANGEROUS_MODULES.has(root)) return undefined;
  return {
    rule: "security/dangerous-module",
    why: `loads ${name}, which ${WHAT_MODULES_DO[root] ?? "is not allowed"}`,
  };
}

/** Why reaching a reference is refused; `path` decides whether `process.env` is allowed. */
export function refDanger(
  ref: Ref | undefined,
  path: string,
  envFiles: readonly string[],
): Danger | undefined {
  if (!ref) return undefined;
  if (ref.kind === "global" && ref.name === "eval")
    return { rule: "security/eval", why: "reaches eval, which runs strings as code" };
  if (ref.kind === "dynamic") {
    const of = ref.of;
    const root =
      of.kind === "global" &&
      (GLOBAL_OBJECTS.has(of.name) || ["process", "require", "module"].includes(of.name));
    return root
      ? {
          rule: "security/dynamic-access",
          why: `reads a property of ${describe(of)} whose name is computed at run time`,
        }
      : undefined;
  }
  if (ref.kind !== "member") return undefined;
  const { of, name } = ref;
  if (of.kind === "global" && of.name === "process") {
    if (PROCESS_INTERNALS.has(name))
      return {
        rule: "security/process-internals",
        why: `reaches process.${name}, which loads native code or modules`,
      };
    if (name === "env" && !matchesAny(path, envFiles))
      return {
        rule: "security/process-env",
        why: `reads process.env outside the config modules (${envFiles.join(", ")})`,
      };
  }
  if (of.kind === "module" && FS_MODULES.has(of.name) && FS_WRITES.has(name))
    return { rule: "security/fs-write", why: `writes to the filesystem (${describe(ref)})` };
  if ((of.kind === "module" || of.kind === "global") && of.name === "module" && MODULE_LOADERS.has(name))
    return { rule: "security/module-loader", why: `loads modules by name (module.${name})` };
  return undefined;
}
