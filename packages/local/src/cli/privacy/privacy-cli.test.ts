import { describe, expect, it } from "vitest";
import { UsageError } from "../args.ts";
import { parsePrivacyArgs } from "./args.ts";
import { erasureLines } from "./report.ts";
import { insideSstShell, sstResources } from "./sst-resources.ts";

const USER = "80351110224678912";

describe("parsePrivacyArgs", () => {
  it("reads an export of one user in one guild to a file", () => {
    expect(
      parsePrivacyArgs(["export", "--user", USER, "--guild", "81384788765712384", "--out", "x.json"]),
    ).toEqual({
      action: "export",
      user: USER,
      guild: "81384788765712384",
      out: "x.json",
      yes: false,
    });
  });

  it("reads --yes wherever it stands", () => {
    expect(parsePrivacyArgs(["erase", "--yes", "--user", USER]).yes).toBe(true);
    expect(parsePrivacyArgs(["erase", "--user", USER, "--yes"]).yes).toBe(true);
  });

  it.each([
    [["export"], /--user needs a Discord id/],
    [["erase", "--user", "42"], /--user needs a Discord id/],
    [["purge", "--user", USER], /Usage: npm run privacy/],
    [["erase", "--user", USER, "--out", "x.json"], /--out goes with export/],
    [["export", "--user", USER, "--force"], /unknown option --force/],
  ])("refuses %j with a message saying what to type", (argv, message) => {
    expect(() => parsePrivacyArgs(argv)).toThrow(UsageError);
    expect(() => parsePrivacyArgs(argv)).toThrow(message);
  });
});

describe("the SST resources", () => {
  const env = {
    SST_RESOURCE_Table: '{"name":"prod-Table","type":"sst.aws.Dynamo"}',
    SST_RESOURCE_Bucket: '{"name":"prod-bucket"}',
    SST_RESOURCE_KeyTable: '{"name":"prod-KeyTable"}',
    SST_RESOURCE_DataKey: '{"arn":"arn:aws:kms:eu-west-1:1:key/k","id":"k"}',
    SST_RESOURCE_UpstashRedisRestUrl: '{"value":""}',
    SST_RESOURCE_UpstashRedisRestToken: '{"value":""}',
  };

  it("are read from what sst shell sets, an empty Upstash secret meaning none", () => {
    expect(insideSstShell(env)).toBe(true);
    expect(insideSstShell({})).toBe(false);
    expect(sstResources(env)).toEqual({
      tableName: "prod-Table",
      bucketName: "prod-bucket",
      keyTableName: "prod-KeyTable",
      keyArn: "arn:aws:kms:eu-west-1:1:key/k",
    });
  });

  it("name a resource the stage does not link", () => {
    const { SST_RESOURCE_KeyTable: _, ...withoutKeyTable } = env;
    expect(() => sstResources(withoutKeyTable)).toThrow(/SST_RESOURCE_KeyTable is not set/);
  });
});

describe("erasureLines", () => {
  it("shows what each tier removed, the kept opt-out and the shredded key", () => {
    const lines = erasureLines({
      guild: "81384788765712384",
      user: USER,
      erasedAt: "2026-01-01T00:00:00.000Z",
      removed: 4,
      sources: [
        { name: "warm", tier: "warm", removed: 2, kept: 1 },
        { name: "cold", tier: "cold", removed: 1 },
        { name: "keys", tier: "keys", removed: 1 },
      ],
    });

    expect(lines).toEqual([
      "guild 81384788765712384",
      "  warm   removed 2, kept 1 (the opt-out)",
      "  cold   removed 1",
      "  keys   shredded",
    ]);
  });
});
