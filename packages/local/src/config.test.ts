import { describe, expect, it } from "vitest";
import { LocalConfigError, parseLocalConfig } from "./config.ts";

describe("parseLocalConfig", () => {
  it("runs with nothing set: port 8787, .data, the dev application id and the sink", () => {
    const config = parseLocalConfig({});

    expect(config).toEqual({
      port: 8787,
      dataDir: ".data",
      discord: { applicationId: "1100000000000000001" },
    });
  });

  it("treats empty variables as unset", () => {
    const config = parseLocalConfig({ PORT: "", DISCORD_PUBLIC_KEY: "", OPENAI_API_KEY: "" });

    expect(config.port).toBe(8787);
    expect(config.discord.publicKey).toBeUndefined();
    expect(config.openai).toBeUndefined();
  });

  it("reads the optional services", () => {
    const config = parseLocalConfig({
      UPSTASH_REDIS_REST_URL: "http://127.0.0.1:8079",
      UPSTASH_REDIS_REST_TOKEN: "t",
      OPENAI_BASE_URL: "http://127.0.0.1:11434/v1",
    });

    expect(config.upstash).toEqual({ url: "http://127.0.0.1:8079", token: "t" });
    expect(config.openai).toEqual({ baseUrl: "http://127.0.0.1:11434/v1" });
  });

  it("names every wrong variable at once", () => {
    const parse = () =>
      parseLocalConfig({ PORT: "eighty", DISCORD_PUBLIC_KEY: "abc", DISCORD_API_URL: "ftp://x" });

    expect(parse).toThrow(LocalConfigError);
    expect(parse).toThrow(/PORT[\s\S]*DISCORD_PUBLIC_KEY: must be 64 hex characters[\s\S]*DISCORD_API_URL/);
  });
});
