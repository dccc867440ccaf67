import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  port: number;
  /**
   * From now on the service "hangs": open connections are cut, new ones are accepted and never answered
   * (what a database looks like when its host stops responding, the case time limits are for).
   */
  hang(): void;
  /** The service answers again: connections held while hanging are cut (their clients reconnect), new ones pass. */
  resume(): void;
  close(): Promise<void>;
}

/** A loopback TCP proxy to `target`, so a test can make one app's dependency hang without touching it. */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let hanging = false;
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    // A client reset while the proxy hangs it is expected: forget the socket.
    client.on('error', () => sockets.delete(client));
    if (hanging) return;
    const upstream = connect(targetPort, targetHost);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hang() {
      hanging = true;
      for (const s of sockets) s.destroy();
    },
    resume() {
      hanging = false;
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
