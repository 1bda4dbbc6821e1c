import { describe, expect, it } from "vitest";
import { plural } from "./plural.ts";

describe("plural", () => {
  it("writes the noun in the number the count needs", () => {
    expect(plural(1, "page")).toBe("1 page");
    expect(plural(0, "page")).toBe("0 pages");
    expect(plural(2, "entry", "entries")).toBe("2 entries");
    expect(plural(12000, "vector")).toBe("12,000 vectors");
  });
});
