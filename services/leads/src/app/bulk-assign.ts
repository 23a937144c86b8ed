import { AreaService } from '@fieldops/contracts';
import { type Access, AppError, asCaller, ConflictError, UnprocessableError } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { holdingRepository } from '../db/holding.repository';
import { assignLead } from './assign-lead';
import { visibleLead } from './visible-lead';

export type AssignStrategy = 'area' | 'round-robin' | 'least-loaded';

export interface BulkAssignInput {
  leadIds: string[];
  strategy: AssignStrategy;
  /** The team's reps, for round-robin and least-loaded. */
  repIds?: string[] | undefined;
}

export interface BulkAssignRow {
  leadId: string;
  status: 'assigned' | 'skipped';
  repId?: string;
  reasons: string[];
}

export interface BulkAssignReport {
  assigned: number;
  skipped: number;
  rows: BulkAssignRow[];
}

/** A refusal's words; anything but a refusal (the database or a service down) stops the run. */
function reasonOf(error: unknown): string {
  if (!(error instanceof AppError)) throw error;
  const fields = error.errors.map((e) => `${e.field.replace(/^\/body\//, '')}: ${e.message}`);
  return [error.message, ...fields].join('; ');
}

const atLimit = (error: unknown) => error instanceof ConflictError && error.extra.code === 'limit';

/** The reps a strategy offers for one lead, best first. */
type Chooser = (leadId: string) => Promise<string[]>;

function roundRobin(reps: string[]): { order: Chooser; done(repId: string): void } {
  let next = 0;
  return {
    order: async () => reps.map((_, i) => reps[(next + i) % reps.length] ?? ''),
    done(repId) {
      next = (reps.indexOf(repId) + 1) % reps.length;
    },
  };
}

async function leastLoaded(ctx: LeadsContext, reps: string[]): Promise<{ order: Chooser; done(repId: string): void }> {
  const load = new Map<string, number>();
  for (const rep of reps) load.set(rep, await holdingRepository.held(ctx.db, rep));
  return {
    order: async () => [...reps].sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0)),
    done(repId) {
      load.set(repId, (load.get(repId) ?? 0) + 1);
    },
  };
}

/** The primary reps covering the lead's point (nearest area first), asked of the area service as the caller. */
function byArea(ctx: LeadsContext, access: Access): { order: Chooser; done(): void } {
  return {
    async order(leadId) {
      const lead = await visibleLead(ctx, access, leadId);
      const answer = await ctx.rpc
        .client(AreaService)
        .coveringReps({ point: { lat: lead.lat, lng: lead.lng } }, asCaller(access.caller.token));
      return [...new Set(answer.primary.map((c) => c.userId))];
    },
    done() {},
  };
}

/**
 * Gives many leads to reps by a rule: by area (the primary rep covering each lead's point), round-robin over a
 * team's reps, or to the least-loaded of them. Each goes through the single assign use case (limits, scope); a
 * rep at the limit is skipped and the next one tried. Reports per lead.
 */
export async function bulkAssign(ctx: LeadsContext, access: Access, input: BulkAssignInput): Promise<BulkAssignReport> {
  const reps = [...new Set(input.repIds ?? [])];
  if (input.strategy !== 'area' && reps.length === 0) {
    throw new UnprocessableError('Round-robin and least-loaded need the team’s reps.', [
      { field: '/body/repIds', message: 'must name at least one rep' },
    ]);
  }
  const rule =
    input.strategy === 'area' ? byArea(ctx, access) : input.strategy === 'round-robin' ? roundRobin(reps) : await leastLoaded(ctx, reps);
  const full = new Set<string>();
  const report: BulkAssignReport = { assigned: 0, skipped: 0, rows: [] };
  for (const leadId of input.leadIds) {
    const row: BulkAssignRow = { leadId, status: 'skipped', reasons: [] };
    report.rows.push(row);
    try {
      const candidates = (await rule.order(leadId)).filter((rep) => !full.has(rep));
      if (candidates.length === 0)
        row.reasons.push(input.strategy === 'area' ? 'no rep covers the lead’s point with room' : 'every rep is at the limit');
      for (const repId of candidates) {
        try {
          await assignLead(ctx, access, leadId, repId);
          Object.assign(row, { status: 'assigned', repId });
          rule.done(repId);
          break;
        } catch (error) {
          if (!atLimit(error)) throw error;
          full.add(repId);
          row.reasons.push(`${repId}: ${reasonOf(error)}`);
        }
      }
    } catch (error) {
      row.reasons.push(reasonOf(error));
    }
    report[row.status]++;
  }
  return report;
}
