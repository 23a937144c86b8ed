import { requestCoordinates } from '@fieldops/geo';
import { accessFor, type ServiceApp, versionedWrite } from '@fieldops/platform';
import { findDayPlan } from '../app/get-day-plan';
import { toPlanView } from '../app/plan-view';
import type { CheckinPorts } from '../app/ports';
import { setDayPlan } from '../app/set-day-plan';
import type { CheckinContext } from '../config';
import { campaignTaskRepository } from '../db/campaign-task.repository';
import { VisitPermission } from '../domain/permissions';
import { CampaignTasks, CampaignTasksQuery, DayPlan, DayPlanBody, PlanParams, PlanQuery } from './schemas';

const OPEN_TASKS = 200;

export function planRoutes(app: ServiceApp, ctx: CheckinContext, ports: CheckinPorts): void {
  app.get(
    '/api/v1/plans/campaign-tasks',
    {
      schema: {
        operationId: 'listCampaignTasks',
        summary: 'My open campaign visit tasks, soonest due first; each closes when its merchant answers',
        querystring: CampaignTasksQuery,
        response: { 200: CampaignTasks },
      },
    },
    async (request) => {
      const access = await accessFor(request, VisitPermission.read, ctx.scopes);
      const edge = requestCoordinates(ctx.countries, access.caller, request.query.coords);
      const rows = await campaignTaskRepository.openFor(ctx.db, access.caller.userId, OPEN_TASKS);
      return {
        items: rows.map((row) => ({
          id: row.id,
          campaignId: row.campaign_id,
          campaignName: row.campaign_name,
          merchantId: row.merchant_id,
          merchantName: row.merchant_name,
          talkingPoints: row.talking_points,
          ...edge.toClient({ lat: row.lat, lng: row.lng }),
          dueAt: new Date(row.due_at).toISOString(),
        })),
      };
    },
  );

  app.get(
    '/api/v1/plans/:date',
    {
      schema: {
        operationId: 'getPlan',
        summary: 'My plan for a day (a manager may pass ?repId= of a rep in their scope), stops in visiting order',
        params: PlanParams,
        querystring: PlanQuery,
        response: { 200: DayPlan },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, VisitPermission.read, ctx.scopes);
      const row = await findDayPlan(ctx, access, request.params.date, request.query.repId);
      return versionedWrite(reply, toPlanView(row, requestCoordinates(ctx.countries, access.caller, request.query.coords)));
    },
  );

  app.put(
    '/api/v1/plans/:date',
    {
      schema: {
        operationId: 'savePlan',
        summary: 'Set the stops of a day; they are ordered by the route optimiser (nearest neighbour + 2-opt, appointments kept)',
        params: PlanParams,
        querystring: PlanQuery,
        body: DayPlanBody,
        response: { 200: DayPlan },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, VisitPermission.write, ctx.scopes);
      const edge = requestCoordinates(ctx.countries, access.caller, request.query.coords);
      const row = await setDayPlan(ctx, ports, access, request.params.date, request.query.repId, request.body, edge);
      return versionedWrite(reply, toPlanView(row, edge));
    },
  );
}
