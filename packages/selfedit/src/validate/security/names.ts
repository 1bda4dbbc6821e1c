/** Modules that run code or open raw sockets; plugins never need them. */
export const DANGEROUS_MODULES = new Set([
  "child_process",
  "vm",
  "worker_threads",
  "net",
  "dgram",
  "tls",
  "http2",
  "cluster",
  "inspector",
  "repl",
  "v8",
  "wasi",
]);

/** Filesystem modules, whose writing functions are refused. */
export const FS_MODULES = new Set(["fs", "fs/promises", "fs-extra", "graceful-fs"]);

export const FS_WRITES = new Set(
  [
    "writeFile",
    "appendFile",
    "rm",
    "rmdir",
    "unlink",
    "copyFile",
    "cp",
    "rename",
    "truncate",
    "ftruncate",
    "mkdir",
    "mkdtemp",
    "symlink",
    "link",
    "chmod",
    "chown",
    "lchown",
    "utimes",
    "write",
    "writev",
    "outputFile",
    "remove",
    "emptyDir",
  ]
    .flatMap((name) => [name, `${name}Sync`])
    .concat(["createWriteStream"]),
);

/** Objects whose properties are the global scope. */
export const GLOBAL_OBJECTS = new Set(["globalThis", "global", "window", "self"]);

/** `process` members that load native code or reach the module loader. */
export const PROCESS_INTERNALS = new Set([
  "binding",
  "_linkedBinding",
  "dlopen",
  "mainModule",
  "getBuiltinModule",
]);

/** `module` members that load other modules by name. */
export const MODULE_LOADERS = new Set(["createRequire", "_load", "_resolveFilename", "require"]);

/** Names that, reached through a computed key built at run time, betray an attempt to hide them. */
export const SUSPICIOUS_NAMES = new Set([
  "eval",
  "Function",
  "constructor",
  "require",
  "binding",
  "_linkedBinding",
  "dlopen",
  "mainModule",
  "env",
  "child_process",
  "exec",
  "execSync",
  "execFile",
  "execFileSync",
  "spawn",
  "spawnSync",
  "fork",
  "runInNewContext",
  "runInThisContext",
  "compileFunction",
  ...FS_WRITES,
]);

/** HTTP client modules and the members that send a request. */
export const HTTP_CLIENTS: Record<string, Set<string>> = {
  http: new Set(["request", "get"]),
  https: new Set(["request", "get"]),
  undici: new Set(["request", "fetch", "stream", "pipeline", "connect"]),
  axios: new Set(["default", "request", "get", "post", "put", "patch", "delete", "head", "options"]),
  got: new Set(["default", "get", "post", "put", "patch", "delete", "head", "stream"]),
  "node-fetch": new Set(["default"]),
  ky: new Set(["default", "get", "post", "put", "patch", "delete", "head"]),
};

/** Strips the `node:` prefix so `node:fs` and `fs` are one module. */
export const moduleName = (specifier: string) => specifier.replace(/^node:/, "");
