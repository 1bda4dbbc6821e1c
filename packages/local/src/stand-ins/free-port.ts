import { createServer } from "node:net";

/**
 * A TCP port that was free a moment ago on 127.0.0.1, for servers that cannot listen on
 * port 0 and report back (a child process such as DynamoDB Local).
 *
 * @example
 * const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
