import { describe, expect, it } from "vitest";
import { type ResolveContext, resolveImport } from "./resolve-import.ts";
import { readWorkspaces } from "./workspaces.ts";

const files = new Map([
  ["package.json", JSON.stringify({ workspaces: ["packages/*"], dependencies: { zod: "4.0.0" } })],
  [
    "packages/core/package.json",
    JSON.stringify({
      name: "@x/core",
      exports: { ".": "./src/index.ts", "./ids": { import: "./src/ids.ts" } },
    }),
  ],
  ["packages/kit/package.json", JSON.stringify({ name: "@x/kit", exports: { "./*": "./src/*.ts" } })],
  ["packages/core/src/index.ts", ""],
  ["packages/core/src/ids.ts", ""],
  ["packages/core/src/util/index.ts", ""],
  ["packages/kit/src/button.ts", ""],
  ["packages/kit/src/list.tsx", ""],
]);
const context: ResolveContext = { exists: (path) => files.has(path), workspaces: readWorkspaces(files) };
const FROM = "packages/core/src/index.ts";

describe("resolveImport", () => {
  it("resolves relative paths with TypeScript's extension rules", () => {
    expect(resolveImport("./ids.ts", FROM, context)).toEqual({
      kind: "file",
      path: "packages/core/src/ids.ts",
    });
    expect(resolveImport("./ids.js", FROM, context)).toEqual({
      kind: "file",
      path: "packages/core/src/ids.ts",
    });
    expect(resolveImport("./ids", FROM, context)).toEqual({ kind: "file", path: "packages/core/src/ids.ts" });
    expect(resolveImport("./util", FROM, context)).toEqual({
      kind: "file",
      path: "packages/core/src/util/index.ts",
    });
    expect(resolveImport("./missing.ts", FROM, context)).toMatchObject({ kind: "unresolved" });
  });

  it("resolves workspace packages through their exports maps, conditions and wildcards included", () => {
    expect(resolveImport("@x/core", FROM, context)).toMatchObject({
      kind: "file",
      path: "packages/core/src/index.ts",
    });
    expect(resolveImport("@x/core/ids", FROM, context)).toMatchObject({
      kind: "file",
      path: "packages/core/src/ids.ts",
    });
    expect(resolveImport("@x/kit/button", FROM, context)).toMatchObject({
      kind: "file",
      path: "packages/kit/src/button.ts",
    });
    expect(resolveImport("@x/core/internal", FROM, context)).toEqual({
      kind: "unresolved",
      reason: '`@x/core/internal`: workspace @x/core exports no "./internal"',
    });
  });

  it("tells built-ins from external packages", () => {
    expect(resolveImport("node:fs", FROM, context)).toEqual({ kind: "builtin", name: "fs" });
    expect(resolveImport("path", FROM, context)).toEqual({ kind: "builtin", name: "path" });
    expect(resolveImport("zod/v4", FROM, context)).toEqual({ kind: "external", name: "zod" });
    expect(resolveImport("@scope/pkg/deep", FROM, context)).toEqual({ kind: "external", name: "@scope/pkg" });
  });
});
