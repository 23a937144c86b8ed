// The network of a run. Where the machine allows it (root, Linux network namespaces), gateway B runs in a namespace of
// its own, joined to the rest by two veth pairs: one for everything, one it reaches the partitioned service over. The
// partition takes the host end of that second link down, so gateway B's packets to the service are dropped by the
// kernel (a real cut: silence, then "no route to host"), while gateway A and the other processes still reach it.
// Elsewhere everything shares the loopback and the partition is a TCP proxy that stops forwarding.
import { execFileSync } from 'node:child_process';
import { startTcpProxy, type TcpProxy } from '@fieldops/testing';

export interface Network {
  mode: 'namespaces' | 'proxy';
  /** Why the run fell back to the proxy, when it did. */
  fallbackReason?: string;
  /** The address the engines, the services and gateway A listen on, reachable from gateway B's namespace too. */
  host: string;
  /** Gateway B's address and namespace. */
  gatewayB: { host: string; namespace?: string };
  /** An address on the link that can be cut, for a listener gateway B reaches the partitioned service at. */
  partitionHost?: string;
  /** The URL gateway B reaches a service at `port` of `host` by, across the link the partition cuts. */
  partitionedUrl(port: number): Promise<string>;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** Namespaces and veth pairs named and numbered after this process, so two runs on one machine do not collide. */
function namespaces(): Network {
  const id = process.pid % 100_000;
  const net = 100 + (process.pid % 100);
  const namespace = `fieldops-chaos-${id}`;
  const [mainHost, mainNs, cutHost, cutNs] = ['m', 'n', 'c', 'd'].map((suffix) => `fc${id}${suffix}`);
  const address = { main: `10.${net}.0.1`, gatewayB: `10.${net}.0.2`, cut: `10.${net}.1.1`, cutNs: `10.${net}.1.2` };
  const removeAll = () => {
    for (const link of [mainHost, cutHost]) {
      try {
        ip('link', 'del', link ?? '');
      } catch {}
    }
    try {
      ip('netns', 'del', namespace);
    } catch {}
  };
  try {
    ip('netns', 'add', namespace);
    ip('netns', 'exec', namespace, 'ip', 'link', 'set', 'lo', 'up');
    for (const [hostEnd, nsEnd, hostAddress, nsAddress] of [
      [mainHost, mainNs, address.main, address.gatewayB],
      [cutHost, cutNs, address.cut, address.cutNs],
    ] as const) {
      ip('link', 'add', hostEnd ?? '', 'type', 'veth', 'peer', 'name', nsEnd ?? '');
      ip('link', 'set', nsEnd ?? '', 'netns', namespace);
      ip('addr', 'add', `${hostAddress}/30`, 'dev', hostEnd ?? '');
      ip('link', 'set', hostEnd ?? '', 'up');
      ip('netns', 'exec', namespace, 'ip', 'addr', 'add', `${nsAddress}/30`, 'dev', nsEnd ?? '');
      ip('netns', 'exec', namespace, 'ip', 'link', 'set', nsEnd ?? '', 'up');
    }
  } catch (error) {
    removeAll();
    throw error;
  }
  return {
    mode: 'namespaces',
    host: address.main,
    gatewayB: { host: address.gatewayB, namespace },
    partitionHost: address.cut,
    partitionedUrl: async (port) => `http://${address.cut}:${port}`,
    cut: () => ip('link', 'set', cutHost ?? '', 'down'),
    restore: () => ip('link', 'set', cutHost ?? '', 'up'),
    close: async () => removeAll(),
  };
}

function loopback(reason: string): Network {
  const proxies: TcpProxy[] = [];
  return {
    mode: 'proxy',
    fallbackReason: reason,
    host: '127.0.0.1',
    gatewayB: { host: '127.0.0.1' },
    async partitionedUrl(port) {
      const proxy = await startTcpProxy({ port });
      proxies.push(proxy);
      return `http://127.0.0.1:${proxy.port}`;
    },
    cut: () => {
      for (const proxy of proxies) proxy.cut();
    },
    restore: () => {
      for (const proxy of proxies) proxy.restore();
    },
    close: async () => {
      await Promise.all(proxies.map((proxy) => proxy.close()));
    },
  };
}

export function setUpNetwork(): Network {
  try {
    return namespaces();
  } catch (error) {
    const detail = error instanceof Error && 'stderr' in error ? String(error.stderr).trim() : String(error);
    return loopback(`network namespaces unavailable (${detail || 'ip netns add failed'})`);
  }
}
