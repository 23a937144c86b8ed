import net from 'node:net';

/**
 * A service's replicas behind one address, as a Kubernetes Service puts them: each new connection goes to the next
 * replica that accepts it (round robin), so a replica that stopped listening (draining, or dead) gets no new ones.
 */
export interface Balancer {
  port: number;
  close(): Promise<void>;
}

/** Listens on one port of each of `hosts` (loopback addresses), the first free one of the first host. */
export async function startBalancer(targets: { host: string; port: number }[], hosts = ['127.0.0.1']): Promise<Balancer> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  let next = 0;
  const connect = (client: net.Socket, tried: number) => {
    if (tried >= targets.length || client.destroyed) {
      client.destroy();
      return;
    }
    const target = targets[next++ % targets.length];
    if (!target) return;
    const upstream = net.connect(target.port, target.host);
    let connected = false;
    upstream.once('error', () => {
      if (!connected) connect(client, tried + 1);
    });
    upstream.once('connect', () => {
      connected = true;
      track(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
  };
  let port = 0;
  const servers = hosts.map(() =>
    net.createServer({ pauseOnConnect: true }, (client) => {
      track(client);
      connect(client, 0);
    }),
  );
  for (const [i, server] of servers.entries()) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, hosts[i], () => {
        port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }
  return {
    port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
