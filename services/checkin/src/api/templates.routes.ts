import { VisitTargetTypeSchema } from '@fieldops/contracts';
import type { ServiceApp } from '@fieldops/platform';
import { accessFor } from '@fieldops/platform';
import { Type } from 'typebox';
import type { CheckinContext } from '../config';
import { VisitPermission } from '../domain/permissions';

const Question = Type.Object({
  id: Type.String(),
  label: Type.String(),
  type: Type.Union([Type.Literal('yes-no'), Type.Literal('number'), Type.Literal('choice'), Type.Literal('text')]),
  required: Type.Boolean(),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  options: Type.Optional(Type.Array(Type.String())),
  maxLength: Type.Optional(Type.Integer()),
});

const VisitTemplate = Type.Object({
  country: Type.String(),
  targetType: VisitTargetTypeSchema,
  questions: Type.Array(Question, { description: 'Asked at check-out; `answers` of the check-out are keyed by question id' }),
});

/** The check-out questionnaire of the caller's country, so the app asks exactly what check-out will validate. */
export function templateRoutes(app: ServiceApp, ctx: CheckinContext): void {
  app.get(
    '/api/v1/visits/templates/:targetType',
    {
      schema: {
        operationId: 'getVisitTemplate',
        summary: 'The visit template (check-out questions) of my country for a target type',
        params: Type.Object({ targetType: VisitTargetTypeSchema }),
        response: { 200: VisitTemplate },
      },
    },
    async (request) => {
      const { caller } = await accessFor(request, VisitPermission.write, ctx.scopes);
      const policy = ctx.countries.get(caller.country);
      const { targetType } = request.params;
      return {
        country: policy.code,
        targetType,
        // Copies: the policy's templates are read-only, the answer's arrays are not.
        questions: policy.visitTemplates[targetType].map((question) =>
          'options' in question ? { ...question, options: [...question.options] } : { ...question },
        ),
      };
    },
  );
}
