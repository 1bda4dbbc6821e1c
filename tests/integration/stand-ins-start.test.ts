import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startDynamoDbLocal, startStandIns } from "@megawatts/local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let squatter: Server;
let port: number;

beforeAll(async () => {
  // Another server holding the port DynamoDB Local was told to use, answering as a stand-in
  // that is up but not DynamoDB would: a plain-text 404.
  squatter = createServer((_, response) => response.writeHead(404).end("Not Found"));
  await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", resolve));
  port = (squatter.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => squatter.close(resolve)));

describe("starting the stand-ins", () => {
  it("does not take another server's answer on DynamoDB Local's port for DynamoDB being ready", async () => {
    await expect(startDynamoDbLocal({ port })).rejects.toThrow(
      /DynamoDB Local exited .*[\s\S]*(BindException|already in use)/,
    );
  }, 90_000);

  it("names the stand-in that could not start", async () => {
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      await expect(startStandIns({ redis: false })).rejects.toThrow(
        /^DynamoDB Local could not start: .*Java 17/,
      );
    } finally {
      process.env.PATH = path;
    }
  }, 90_000);
});
