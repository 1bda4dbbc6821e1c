import { describe, expect, it } from "vitest";
import { createMemorySnapshot } from "../snapshot/memory-snapshot.ts";
import { block } from "../testing/edits.ts";
import { createValidator } from "./validator.ts";

const ACCESS = "packages/plugins/selfedit/src/access.ts";

describe("self-protection", () => {
  it("refuses edits to the self-edit plugin, which decides who may request and approve changes", async () => {
    const base = createMemorySnapshot({ [ACCESS]: "export const open = false;\n" });
    const validator = createValidator({ base, options: { preset: "automatic", tests: { run: false } } });

    const report = await validator.validate(
      block(ACCESS, "export const open = false;\n", "export const open = true;\n"),
    );

    expect(report.decision).toBe("reject");
    expect(report.stages[1]?.violations).toEqual([
      expect.objectContaining({
        rule: "gate/protected",
        message: `${ACCESS} is never writable by self-edits (who may request and approve self-edits)`,
      }),
    ]);
  });
});
