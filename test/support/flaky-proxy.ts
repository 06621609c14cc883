import net from 'node:net';

export interface FlakyProxy {
  /** The upstream URL with the proxy's port in its place. */
  url: string;
  /** Drops every open connection and refuses new ones for `ms`: the Wi-Fi going away. */
  outage(ms: number): void;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 in front of an upstream URL, whose network can be made to drop. */
export async function startFlakyProxy(upstreamUrl: string): Promise<FlakyProxy> {
  const target = new URL(upstreamUrl);
  const sockets = new Set<net.Socket>();
  let downUntil = 0;
  const server = net.createServer((client) => {
    if (Date.now() < downUntil) return void client.destroy();
    const remote = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, remote]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(remote).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(upstreamUrl);
  url.port = String(port);
  return {
    url: url.toString().replace(/\/$/, ''),
    outage(ms) {
      downUntil = Date.now() + ms;
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
