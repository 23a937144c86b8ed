import { type ServiceApp, setEtag } from '@fieldops/platform';
import { accessFor } from '../app/access';
import { clientSystem, edgeCoordinates } from '../app/coordinates';
import { findDayPlan } from '../app/get-day-plan';
import { toPlanView } from '../app/plan-view';
import type { CheckinPorts } from '../app/ports';
import { setDayPlan } from '../app/set-day-plan';
import type { CheckinContext } from '../config';
import { DayPlan, DayPlanBody, PlanParams, PlanQuery } from './schemas';

export function planRoutes(app: ServiceApp, ctx: CheckinContext, ports: CheckinPorts): void {
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
      const access = await accessFor(ctx, request, 'visit:read');
      const row = await findDayPlan(ctx, access, request.params.date, request.query.repId);
      setEtag(reply, Number(row.version));
      return toPlanView(row, edgeCoordinates(clientSystem(ctx, access.caller, request.query.coords)));
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
      const access = await accessFor(ctx, request, 'visit:write');
      const edge = edgeCoordinates(clientSystem(ctx, access.caller, request.query.coords));
      const row = await setDayPlan(ctx, ports, access, request.params.date, request.query.repId, request.body, edge);
      setEtag(reply, Number(row.version));
      return toPlanView(row, edge);
    },
  );
}
