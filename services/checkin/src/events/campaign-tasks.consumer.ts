import type { ConsumerDefinition } from '@fieldops/platform';
import type { CheckinPorts } from '../app/ports';
import { campaignTaskRepository } from '../db/campaign-task.repository';
import type { CheckinDb } from '../db/schema';

/** Campaign visit tasks for reps' days: opened at a campaign's launch, closed when the merchant answers or it ends. */
export const campaignTasksConsumer: ConsumerDefinition<CheckinDb, CheckinPorts> = {
  name: 'checkin.campaign-tasks',
  handlers: {
    'marketing.task.opened.v1': async (event, trx, _events, ctx) => {
      const task = event.data;
      await campaignTaskRepository.open(trx, ctx.dialect, {
        id: task.taskId,
        rep_id: task.repId,
        campaign_id: task.campaignId,
        campaign_name: task.campaignName.slice(0, 200),
        merchant_id: task.merchantId,
        merchant_name: task.merchantName.slice(0, 200),
        country: task.country,
        talking_points: task.talkingPoints.slice(0, 2000),
        lat: task.lat,
        lng: task.lng,
        due_at: Date.parse(task.dueAt),
        closed_reason: null,
        opened_at: Date.parse(event.time),
        closed_at: null,
      });
    },
    'marketing.task.closed.v1': async (event, trx) => {
      await campaignTaskRepository.close(trx, event.data.taskId, event.data.reason, Date.parse(event.time));
    },
  },
};
