import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP pass-through in front of one stand-in, which an outage test takes down and brings
 * back: while down, the port refuses connections and open ones are cut, exactly as when the
 * server stops; the stand-in behind it keeps its state, as a real managed service does.
 */
export interface OutageProxy {
  /** The stand-in's endpoint with the proxy's port, e.g. `http://127.0.0.1:41234`. */
  endpoint: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

/** Starts a proxy to the host and port of `target` (an `http://host:port` URL). */
export async function startOutageProxy(target: string): Promise<OutageProxy> {
  const url = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(url.port), url.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await listen(server, 0);
  const cut = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  return {
    endpoint: `${url.protocol}//127.0.0.1:${port}`,
    down: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        cut();
      }),
    up: async () => {
      await listen(server, port);
    },
    close: () =>
      new Promise((resolve) => {
        cut();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}
