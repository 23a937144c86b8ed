import type { SlaPolicySetData } from '@fieldops/contracts';
import { type Access, ConflictError, NotFoundError, UnprocessableError } from '@fieldops/platform';
import type { TicketsContext } from '../config';
import { slaPolicyRepository } from '../db/sla-policy.repository';
import { slaPolicySetProblems } from '../domain/sla';
import { ticketSetupOf } from '../domain/ticket-types';
import { slaPolicyChanged } from '../events/published';
import { type EffectiveSlaPolicies, effectiveSlaPolicies } from './ticket-sla';

export interface SlaPolicyView {
  ticketType: string;
  /** The type's label in the country's setup; `default` covers the types without their own policies. */
  label: string;
  source: EffectiveSlaPolicies['source'];
  /** The row the figures come from: the type's own, or `default`. */
  from: string;
  /** The version to send back as If-Match (0: never changed in this country). */
  version: number;
  policies: SlaPolicySetData;
}

/** The types an SLA policy can be set for in a country: `default` and each of its ticket types. */
function policyTypes(country: string): { type: string; label: string }[] {
  return [{ type: 'default', label: 'Default' }, ...ticketSetupOf(country).types.map((t) => ({ type: t.type, label: t.label }))];
}

function viewOf(stored: Parameters<typeof effectiveSlaPolicies>[0], country: string, type: { type: string; label: string }): SlaPolicyView {
  const effective = effectiveSlaPolicies(stored, country, type.type);
  const own = stored.find((p) => p.ticketType === type.type);
  return {
    ticketType: type.type,
    label: type.label,
    source: effective.source,
    from: effective.ticketType,
    version: own?.version ?? 0,
    // The domain's policies are read-only; the wire shape is the same data.
    policies: effective.policies as SlaPolicySetData,
  };
}

/** The SLA policies of the caller's country, one row per ticket type (and the default). */
export async function listSlaPolicies(ctx: TicketsContext, access: Access): Promise<{ country: string; items: SlaPolicyView[] }> {
  const country = access.caller.country;
  const stored = await slaPolicyRepository.ofCountry(ctx.db, country);
  return { country, items: policyTypes(country).map((type) => viewOf(stored, country, type)) };
}

/**
 * Sets the caller's country's SLA policies of one type, every priority at once: checked against the policy rules
 * (a 422 naming each field), written with its version check, announced by an event (the audit trail, with before and
 * after) whose consumer recomputes the country's open tickets from their own histories.
 */
export async function setSlaPolicies(
  ctx: TicketsContext,
  access: Access,
  ticketType: string,
  policies: SlaPolicySetData,
  ifMatch: (current: number) => number,
): Promise<SlaPolicyView> {
  const country = access.caller.country;
  const type = policyTypes(country).find((t) => t.type === ticketType);
  if (!type) throw new NotFoundError('Ticket type');
  const problems = slaPolicySetProblems(policies, '/body');
  if (problems.length > 0) throw new UnprocessableError('The SLA policies break a rule.', problems);
  const stored = await slaPolicyRepository.ofCountry(ctx.db, country);
  const current = viewOf(stored, country, type);
  const expectedVersion = ifMatch(current.version);
  const now = ctx.clock.now();
  const by = access.caller.userId;
  await ctx.transact(async (trx, events) => {
    const saved = await slaPolicyRepository.save(
      trx,
      ctx.dialect,
      { country, ticketType, policies, version: expectedVersion + 1, updatedBy: by, updatedAt: now },
      expectedVersion,
    );
    if (!saved) throw new ConflictError('The policies changed while you edited them; read them again.', [], { code: 'conflict' });
    await events.append(
      slaPolicyChanged({ country, ticketType, version: expectedVersion + 1, by, before: current.policies, after: policies }),
    );
  });
  return viewOf(await slaPolicyRepository.ofCountry(ctx.db, country), country, type);
}
