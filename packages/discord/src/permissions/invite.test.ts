import { manifests } from "@megawatts/catalog/manifests";
import { describe, expect, it } from "vitest";
import { inviteLink } from "./invite.ts";

describe("inviteLink", () => {
  it("asks for the union of the installed plugins' permissions and both scopes", () => {
    const invite = inviteLink("1100000000000000001", manifests);
    const url = new URL(invite.url);

    expect(url.origin + url.pathname).toBe("https://discord.com/oauth2/authorize");
    expect(url.searchParams.get("client_id")).toBe("1100000000000000001");
    expect(url.searchParams.get("scope")).toBe("bot applications.commands");
    const declared = new Set(manifests.flatMap((manifest) => manifest.permissions));
    expect(invite.permissions.map((permission) => permission.name).sort()).toEqual([...declared].sort());
    expect(
      invite.permissions.find((permission) => permission.name === "ReadMessageHistory")?.plugins,
    ).toEqual(["indexing", "tickets"]);
  });

  it("adds each permission's bit once", () => {
    const invite = inviteLink("1", [
      { id: "a", permissions: ["ViewChannel", "SendMessages"] },
      { id: "b", permissions: ["ViewChannel"] },
    ] as never);

    expect(new URL(invite.url).searchParams.get("permissions")).toBe(String(1024 + 2048));
    expect(invite.permissions.map((permission) => permission.label)).toEqual([
      "View Channels",
      "Send Messages",
    ]);
  });
});
