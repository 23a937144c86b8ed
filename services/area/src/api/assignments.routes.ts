import { accessFor, PageOf, type ServiceApp } from '@fieldops/platform';
import { areaVisibility } from '../app/area-visibility';
import { createAssignment } from '../app/create-assignment';
import { endAssignment } from '../app/end-assignment';
import { listAssignments } from '../app/list-assignments';
import type { AreaContext } from '../config';
import { AreaPermission } from '../domain/permissions';
import { Assignment, AssignmentListQuery, AssignmentParams, CreateAssignmentBody, IdParams } from './schemas';

export function assignmentRoutes(app: ServiceApp, ctx: AreaContext): void {
  app.post(
    '/api/v1/areas/:id/assignments',
    {
      schema: {
        operationId: 'createAreaAssignment',
        summary: 'Assign a rep (primary or backup) or a manager to an area, from/to a date',
        params: IdParams,
        body: CreateAssignmentBody,
        response: { 201: Assignment },
      },
    },
    async (request, reply) => {
      const access = await accessFor(request, AreaPermission.write, areaVisibility(ctx));
      const assignment = await createAssignment(ctx, access, request.params.id, request.body);
      return reply.code(201).header('location', `/api/v1/areas/${assignment.areaId}/assignments/${assignment.id}`).send(assignment);
    },
  );

  app.get(
    '/api/v1/areas/:id/assignments',
    {
      schema: {
        operationId: 'listAreaAssignments',
        summary: "An area's current and future assignments (ended ones too with includeEnded)",
        params: IdParams,
        querystring: AssignmentListQuery,
        response: { 200: PageOf(Assignment) },
      },
    },
    async (request) =>
      listAssignments(ctx, await accessFor(request, AreaPermission.read, areaVisibility(ctx)), request.params.id, request.query),
  );

  app.delete(
    '/api/v1/areas/:id/assignments/:assignmentId',
    { schema: { operationId: 'deleteAreaAssignment', summary: 'End an assignment now (kept for the record)', params: AssignmentParams } },
    async (request, reply) => {
      const access = await accessFor(request, AreaPermission.write, areaVisibility(ctx));
      await endAssignment(ctx, access, request.params.id, request.params.assignmentId);
      return reply.code(204).send();
    },
  );
}
