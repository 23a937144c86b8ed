import type http from 'node:http';
import http2 from 'node:http2';
import type net from 'node:net';

/** Every HTTP/2 connection without TLS opens with this preface; no HTTP/1.1 request line starts with "PRI". */
const H2_PREFACE_START = Buffer.from('PRI');

/**
 * Lets one port speak HTTP/1.1 (REST, probes, metrics) and cleartext HTTP/2 (gRPC between services): the first
 * bytes of each connection pick the server that handles it. Node cannot do this by itself without TLS.
 *
 * Until then the connection belongs to neither server, so neither server's timeouts nor its closing reach it: one
 * that ends without a byte is closed here (it would stay half-open and hold a closing server open for good), and so
 * is one that sends nothing within the HTTP server's time for a request's headers.
 */
export function acceptHttp2On(
  server: http.Server,
  onHttp2Request: (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void,
): http2.Http2Server {
  const h2 = http2.createServer(onHttp2Request);
  const http1Listeners = server.listeners('connection') as ((socket: net.Socket) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: net.Socket) => {
    let head = Buffer.alloc(0);
    const abandon = () => socket.destroy();
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      if (head.length < H2_PREFACE_START.length && H2_PREFACE_START.subarray(0, head.length).equals(head)) return;
      socket.off('data', onData);
      socket.off('end', abandon);
      socket.off('timeout', abandon);
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(head);
      if (head.subarray(0, H2_PREFACE_START.length).equals(H2_PREFACE_START)) {
        // The HTTP/2 session reads the socket itself; resuming here would hand it a stream with its preface gone.
        h2.emit('connection', socket);
      } else {
        for (const listener of http1Listeners) listener.call(server, socket);
        socket.resume();
      }
    };
    socket.on('data', onData);
    socket.once('end', abandon);
    socket.once('timeout', abandon);
    socket.setTimeout(server.headersTimeout);
  });
  return h2;
}
