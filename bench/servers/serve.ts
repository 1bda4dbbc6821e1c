// Child-process entry for the throughput section: starts one server on a loopback port and
// reports its port to the parent over IPC. Usage: serve.ts <bare|project>, with
// BENCH_PUBLIC_KEY set to the application's public key (hex).
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EMPTY_PLUGIN_STATE, noopMetrics, silentLogger } from "@megawatts/core";
import { createHttpHandler } from "@megawatts/runtime/http";
import { composeIngress } from "@megawatts/runtime/ingress";
import { InMemoryJobKeys } from "@megawatts/testing/crypto-fakes";
import { RecordingQueue } from "@megawatts/testing/fakes";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { bareServer, lambdaServer } from "./node-server.ts";

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
interface DevServerModule {
  startDevServer(options: {
    port: number;
    handler: Handler;
    health(): { ready: boolean };
  }): Promise<{ port: number }>;
}

/** What the child tells the parent once it listens. */
export interface Listening {
  port: number;
  via: string;
}

const DEV_SERVER = new URL("../../packages/local/src/dev-server.ts", import.meta.url);
const publicKey = process.env.BENCH_PUBLIC_KEY ?? "";

function listen(server: Server): Promise<number> {
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

// The project's own dev server when it is there, so the figure covers what `npm run dev`
// serves; otherwise a thin adapter that builds the same events.
async function startProject(): Promise<Listening> {
  const endpoint = composeIngress({
    publicKey,
    queue: new RecordingQueue(),
    jobKeys: new InMemoryJobKeys(),
    pluginStates: { read: async () => EMPTY_PLUGIN_STATE },
    logger: silentLogger,
    metrics: noopMetrics,
  });
  const handler = createHttpHandler(endpoint);
  let reason = "packages/local/src/dev-server.ts not present";
  if (existsSync(DEV_SERVER)) {
    try {
      const { startDevServer } = (await import(DEV_SERVER.href)) as DevServerModule;
      const server = await startDevServer({ port: 0, handler, health: () => ({ ready: true }) });
      return { port: server.port, via: "packages/local dev server (startDevServer)" };
    } catch (error) {
      reason = `dev server failed to start: ${error instanceof Error ? error.message : error}`;
    }
  }
  return { port: await listen(lambdaServer(handler)), via: `bench adapter in bench/servers (${reason})` };
}

async function start(kind: string | undefined): Promise<Listening> {
  if (kind === "project") return startProject();
  if (kind === "bare") return { port: await listen(bareServer(publicKey)), via: "bare node:http" };
  throw new Error(`unknown server kind ${kind}; expected bare or project`);
}

const listening = await start(process.argv[2]);
process.send?.(listening);
// Ends with the parent, whatever way the parent goes.
process.on("disconnect", () => process.exit(0));
