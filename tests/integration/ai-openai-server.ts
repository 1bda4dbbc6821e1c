import {
  type OpenAiTestServer,
  type OpenAiTestServerOptions,
  startOpenAiTestServer,
} from "@megawatts/testing/openai-server";
import OpenAI from "openai";
import { afterEach } from "vitest";

const servers: OpenAiTestServer[] = [];

/** Closes the servers a test started; call once per test file. */
export function closeServersAfterEach() {
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
}

/** An OpenAI-protocol test server and a real SDK client on it that retries twice. */
export async function serveOpenAi(options: OpenAiTestServerOptions = {}) {
  const server = await startOpenAiTestServer(options);
  servers.push(server);
  const client = new OpenAI({ baseURL: server.baseURL, apiKey: server.apiKey, maxRetries: 2 });
  return { server, client };
}
