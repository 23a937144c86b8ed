import type { JobDefinition } from '@fieldops/platform';
import { flushDigests } from '../app/flush-digests';
import { sendDue } from '../app/send-due';
import type { NotificationDeps } from '../config';
import type { NotificationDb } from '../db/schema';

/** Closes ended digest windows, then sends what is due (queued, retries whose backoff passed, quiet hours over). */
export function deliveryJobs(everyMs: number): JobDefinition<NotificationDb, NotificationDeps>[] {
  return [
    {
      name: 'notification.deliver',
      everyMs,
      run: async (ctx) => {
        await flushDigests(ctx);
        await sendDue(ctx);
      },
    },
  ];
}
