import type { PerformanceEventData, PerformanceEventType } from '@fieldops/contracts';
import type { NewEvent } from '@fieldops/platform';

/** Who acts when no user does (a target reached by an event). */
export const SERVICE_ACTOR = 'service:performance';

function event<T extends PerformanceEventType>(type: T, subject: string, country: string, data: PerformanceEventData<T>, actor: string) {
  const built: NewEvent<PerformanceEventData<T>> = { type, subject, data, country, actor };
  return built;
}

/** Builds this service's events; the data shapes are the contracts in @fieldops/contracts. */
export const performanceEvents = {
  statementClosed: (data: PerformanceEventData<'performance.statement.closed.v1'>, actor: string) =>
    event('performance.statement.closed.v1', data.statementId, data.country, data, actor),
  payPeriodClosed: (data: PerformanceEventData<'performance.pay-period.closed.v1'>) =>
    event('performance.pay-period.closed.v1', data.periodId, data.country, data, data.closedBy),
  targetReached: (country: string, data: PerformanceEventData<'performance.target.reached.v1'>) =>
    event('performance.target.reached.v1', data.targetId, country, data, SERVICE_ACTOR),
  attainmentDaily: (country: string, data: PerformanceEventData<'performance.attainment.daily.v1'>) =>
    event('performance.attainment.daily.v1', `${data.userId}:${data.date}`, country, data, SERVICE_ACTOR),
  periodClosing: (data: PerformanceEventData<'performance.period.closing.v1'>) =>
    event('performance.period.closing.v1', data.periodId, data.country, data, SERVICE_ACTOR),
};
