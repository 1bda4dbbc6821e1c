import { buildApp } from "fauxqs";

export interface LocalSqsOptions {
  /** Default 0: any free port. */
  port?: number;
}

export interface LocalSqs {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts fauxqs in this process: SQS's JSON protocol in memory, with visibility timeouts,
 * redrive to dead-letter queues, long polling and FIFO queues. It listens on 127.0.0.1 only.
 * Queue URLs it hands out carry the host the client used, so give the SQS client this
 * `endpoint` explicitly.
 *
 * @example
 * const sqs = await startLocalSqs();
 * const client = new SQSClient({ endpoint: sqs.endpoint, region: "us-east-1" });
 * await sqs.close();
 */
export async function startLocalSqs(options: LocalSqsOptions = {}): Promise<LocalSqs> {
  const app = buildApp({ logger: false });
  await app.listen({ port: options.port ?? 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      await app.close();
    },
  };
}
