import type { ServerResponse } from 'node:http';
import { callerOf, type ServiceApp } from '@fieldops/platform';
import { Type } from 'typebox';
import { noticesAfter, toNotificationView } from '../app/inbox';
import type { NotificationContext } from '../config';
import type { NoticeTable } from '../db/schema';
import { firstIdAt } from '../live/live-feed';

/** Below the gateway's idle limit for a response body, so a quiet stream stays open through it and proxies. */
const HEARTBEAT_MS = 15_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function frame(notice: NoticeTable): string {
  return `id: ${notice.id}\nevent: notification\ndata: ${JSON.stringify(toNotificationView(notice))}\n\n`;
}

/**
 * My new notifications as Server-Sent Events. The bearer token goes in the Authorization header (read the stream
 * with fetch; EventSource cannot send it); after a reconnect, `Last-Event-ID` replays what was stored since.
 */
export function streamRoutes(app: ServiceApp, ctx: NotificationContext): void {
  const open = new Set<ServerResponse>();
  // A stopping replica ends its streams (clients reconnect with Last-Event-ID to another) rather than wait for them.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });
  app.get(
    '/api/v1/notifications/stream',
    {
      schema: {
        operationId: 'streamNotifications',
        summary: 'My new notifications as they arrive (text/event-stream; Last-Event-ID resumes)',
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ maxLength: 64 })) }),
        produces: ['text/event-stream'],
        response: {
          200: { description: 'One `notification` event per new notice', content: { 'text/event-stream': { schema: Type.String() } } },
        },
      },
    },
    async (request, reply) => {
      const { userId } = callerOf(request);
      const lastId = request.headers['last-event-id'];
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // Proxies such as nginx would otherwise hold frames back.
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 2000\n\n`);
      const resumeFrom = typeof lastId === 'string' && UUID.test(lastId) ? lastId.toLowerCase() : undefined;
      // What came before is the client's to read from the inbox (or is replayed below after a Last-Event-ID).
      const floor = resumeFrom ?? firstIdAt(Date.now());
      const sent = new Set<string>();
      const send = (notice: NoticeTable) => {
        if (notice.id <= floor || sent.has(notice.id)) return;
        sent.add(notice.id);
        res.write(frame(notice));
      };
      const heartbeat = setInterval(() => res.write(`: keep-alive\n\n`), HEARTBEAT_MS);
      open.add(res);
      let closed = false;
      let stop = () => {};
      res.on('close', () => {
        closed = true;
        open.delete(res);
        clearInterval(heartbeat);
        stop();
      });
      // Listen before replaying, so a notice stored in between is not lost (the set drops the overlap).
      stop = await ctx.deps.live.listen(userId, send);
      if (closed) return stop();
      if (resumeFrom) for (const notice of await noticesAfter(ctx, userId, resumeFrom)) send(notice);
    },
  );
}
