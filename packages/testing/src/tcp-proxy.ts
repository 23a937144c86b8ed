import net from 'node:net';

/** A TCP proxy on a loopback port in front of a real server, whose link a test can cut and restore. */
export interface TcpProxy {
  port: number;
  /**
   * Cuts the link like a partition does: bytes stop flowing on open connections and new ones are accepted but
   * never forwarded, so both sides see silence (a timeout), not a refusal.
   */
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host?: string; port: number }, listenPort = 0): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let cut = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    // Held in silence: the client's own deadline decides what happens.
    if (cut) return;
    const upstream = net.connect(target.port, target.host ?? '127.0.0.1');
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('the proxy has no port');
  const destroyAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    port: address.port,
    get isCut() {
      return cut;
    },
    cut() {
      cut = true;
      for (const socket of sockets) {
        socket.unpipe();
        socket.pause();
      }
    },
    restore() {
      cut = false;
      // Connections that lived through the cut lost bytes: close them so their clients reconnect.
      destroyAll();
    },
    close: () =>
      new Promise<void>((resolve) => {
        destroyAll();
        server.close(() => resolve());
      }),
  };
}
