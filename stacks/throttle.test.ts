import { describe, expect, it } from "vitest";
import { apiThrottle, DEFAULT_API_THROTTLE } from "./throttle.ts";

describe("apiThrottle", () => {
  it("carries 500 interactions/s with bursts of 1,000 when the stage sets nothing", () => {
    expect(apiThrottle({})).toEqual({ rate: 500, burst: 1_000 });
    expect(apiThrottle({})).toEqual(DEFAULT_API_THROTTLE);
  });

  it("takes a stage's own rate, with twice it as the burst unless the burst is set too", () => {
    expect(apiThrottle({ MEGAWATTS_API_RATE: "50" })).toEqual({ rate: 50, burst: 100 });
    expect(apiThrottle({ MEGAWATTS_API_RATE: "50", MEGAWATTS_API_BURST: "60" })).toEqual({
      rate: 50,
      burst: 60,
    });
  });

  it("stops the deploy with the variable's name when a value is not a whole number above 0", () => {
    for (const value of ["0", "-5", "1.5", "fast"]) {
      expect(() => apiThrottle({ MEGAWATTS_API_RATE: value })).toThrow(
        `MEGAWATTS_API_RATE must be a whole number`,
      );
    }
    expect(() => apiThrottle({ MEGAWATTS_API_RATE: "100", MEGAWATTS_API_BURST: "10" })).toThrow(
      "MEGAWATTS_API_BURST (10) must be at least MEGAWATTS_API_RATE (100)",
    );
  });
});
