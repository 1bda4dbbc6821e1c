import { describe, expect, it } from "vitest";
import { SelfEditConfigError, selfEditSettings } from "./config.ts";

describe("selfEditSettings", () => {
  it("defaults to the manual preset, every server and no maintainer role", () => {
    expect(selfEditSettings({})).toEqual({ preset: "manual" });
    expect(selfEditSettings({ SELFEDIT_PRESET: "", SELFEDIT_GUILD_IDS: "" })).toEqual({ preset: "manual" });
  });

  it("reads the preset, the maintainer role and the servers", () => {
    const settings = selfEditSettings({
      SELFEDIT_PRESET: "automatic",
      SELFEDIT_MAINTAINER_ROLE_ID: "1300000000000000001",
      SELFEDIT_GUILD_IDS: "1300000000000000002, 1300000000000000003",
    });

    expect(settings).toEqual({
      preset: "automatic",
      maintainerRoleId: "1300000000000000001",
      guildIds: ["1300000000000000002", "1300000000000000003"],
    });
  });

  it("names every bad variable at once", () => {
    const parse = () => selfEditSettings({ SELFEDIT_PRESET: "yolo", SELFEDIT_GUILD_IDS: "general" });

    expect(parse).toThrow(SelfEditConfigError);
    expect(parse).toThrow(
      /SELFEDIT_PRESET: must be one of manual, semi-automatic, automatic[\s\S]*SELFEDIT_GUILD_IDS/,
    );
  });
});
