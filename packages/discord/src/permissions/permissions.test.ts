import { PermissionFlagsBits } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { missingPermissions, PERMISSION_BITS, permissionLabel, permissionString } from "./permissions.ts";

describe("permission bits", () => {
  it("match discord-api-types for every permission", () => {
    expect(PERMISSION_BITS).toEqual({ ...PermissionFlagsBits });
  });

  it("names what a bit string lacks, in the order asked", () => {
    const granted = (PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages).toString();
    expect(missingPermissions(["ViewChannel", "ReadMessageHistory", "BanMembers"], granted)).toEqual([
      "ReadMessageHistory",
      "BanMembers",
    ]);
  });

  it("treats Administrator as every permission", () => {
    expect(missingPermissions(["BanMembers"], PermissionFlagsBits.Administrator.toString())).toEqual([]);
  });

  it("grants nothing for a missing or malformed bit string", () => {
    expect(missingPermissions(["ViewChannel"], undefined)).toEqual(["ViewChannel"]);
    expect(missingPermissions(["ViewChannel"], "-1")).toEqual(["ViewChannel"]);
    expect(missingPermissions(["ViewChannel"], "abc")).toEqual(["ViewChannel"]);
  });

  it("labels permissions as Discord's client does and joins bits for an invite", () => {
    expect(permissionLabel("ManageGuild")).toBe("Manage Server");
    expect(permissionLabel("ReadMessageHistory")).toBe("Read Message History");
    expect(permissionString(["ViewChannel", "ReadMessageHistory"])).toBe("66560");
  });
});
