import fs from 'node:fs';
import net from 'node:net';

/** Ports this run handed out: their processes bind them later, so the kernel alone could offer one again. */
const handedOut = new Set<number>();

/** The lowest port the kernel gives outgoing connections (Linux's default when it cannot be read). */
function ephemeralLow(): number {
  try {
    return Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768;
  }
}

/**
 * A TCP port for a process the suite starts: free on every address now, never handed out before in this run, and
 * below the kernel's ephemeral range, so an outgoing connection cannot take it between the pick and the bind (a
 * replica that then failed to listen left its port to whatever bound it, and its requests reached another service).
 */
export async function freePort(): Promise<number> {
  const high = ephemeralLow();
  const low = Math.max(1_024, high - 12_000);
  for (;;) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port) || !(await bindable(port))) continue;
    handedOut.add(port);
    return port;
  }
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}
