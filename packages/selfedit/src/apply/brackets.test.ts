import { describe, expect, it } from "vitest";
import { checkBrackets } from "./brackets.ts";

describe("checkBrackets", () => {
  it("ignores brackets inside strings, template literals, comments and regular expressions", () => {
    const text = [
      'const a = "({[";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
      "const b = `}${call(1, [2])}]` + '}';",
      "// ) closes nothing",
      "/* { */",
      "const re = /[(]{2}/g.test(a) ? a / 2 : 0;",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code under test
      "const nested = `a${`b${[1].map((x) => `{${x}`)}`}`;",
      "function f() { return [1, 2]; }",
    ].join("\n");

    expect(checkBrackets("a.ts", text)).toBeUndefined();
  });

  it("names a brace that is never closed", () => {
    expect(checkBrackets("a.ts", "export function f() {\n  if (x) {\n    go();\n}\n")).toEqual({
      line: 1,
      message: "`{` opened at line 1 is never closed",
    });
  });

  it("names a bracket that closes the wrong opener or nothing", () => {
    expect(checkBrackets("a.ts", "call(\n  [1, 2)\n];\n")?.message).toBe(
      "`)` at line 2 does not match `[` opened at line 2",
    );
    expect(checkBrackets("a.tsx", "const a = 1;\n}\n")?.message).toBe("`}` at line 2 closes nothing");
  });

  it("checks JSON with only strings skipped, and leaves other files alone", () => {
    expect(checkBrackets("a.json", '{ "a": "}" ')?.message).toBe("`{` opened at line 1 is never closed");
    expect(checkBrackets("README.md", "(unclosed")).toBeUndefined();
  });
});
