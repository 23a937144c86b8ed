import { resolveAreas } from '@fieldops/area-client';
import { areaCountryConflict, distanceMeters, placeNameMatcher } from '@fieldops/geo';
import { type ProgressReporter, parseCsv } from '@fieldops/platform';
import { uuidv7 } from 'uuidv7';
import type { LeadsContext } from '../config';
import { claimHistoryRepository, holdingRepository } from '../db/holding.repository';
import { type LeadRow, leadRepository } from '../db/lead.repository';
import { judgeDuplicate, NEIGHBOURHOOD_M } from '../domain/lead-duplicate';
import { capture, type Ownership } from '../domain/lead-pool';
import { NeighbourhoodGrid } from '../domain/neighbourhood-grid';
import { leadEvents } from '../events/published';
import { type CreateLeadInput, checkCapture, checkPhone, newLeadRow } from './capture';
import { readHeader, readRow } from './import-row';
import { merchantsNear } from './merchants-near';
import { poolPolicyOf, refused } from './pool-policy';

/** Rows written per transaction. */
const BATCH = 500;

const PUBLIC: Ownership = { ownerId: null, pool: 'public', claimedAt: null, protectedUntil: null, warnedFor: null };

/** Who imports: the leads go to `owner` (assignTo=self) or, when null, to the public pool of `country`. */
export interface ImportActor {
  /** What the events name as the actor: a user id, or `service:…` for the CLI. */
  actor: string;
  country: string;
  agencyId: string | null;
  /** `roles` are the owner's role names (the country policy may give a role its own claim limit). */
  owner: { userId: string; orgUnitId: string | null; agencyId: string | null; roles: readonly string[] } | null;
  /** How the area service is called: as the importing user, or as this service. */
  callAs: () => Promise<{ headers: Record<string, string> }>;
  /** Converts a row's coordinates (as the file has them) to WGS-84; the identity by default. */
  toStored?: (point: { lat: number; lng: number }) => { lat: number; lng: number };
}

export interface ImportRowReport {
  /** The data row's number, 1 for the first row after the header. */
  row: number;
  status: 'created' | 'merged' | 'rejected';
  leadId?: string;
  duplicateOf?: string;
  reasons: string[];
}

export interface ImportReport {
  created: number;
  merged: number;
  rejected: number;
  rows: ImportRowReport[];
}

interface ValidRow {
  report: ImportRowReport;
  /** WGS-84. */
  input: CreateLeadInput;
  phone: string | null;
}

interface Accepted {
  report: ImportRowReport;
  input: CreateLeadInput;
  name: string;
  phone: string | null;
  ownership: Ownership;
  duplicateOf: string | null;
}

/** A strong or weak match among the rows of this batch already accepted, within the duplicate radius or by phone. */
function sameFileMatch(accepted: NeighbourhoodGrid<Accepted>, name: string, phone: string | null, input: CreateLeadInput) {
  let best: { id: string; strong: boolean; score: number; reasons: string[] } | undefined;
  const similarity = placeNameMatcher(name);
  for (const other of accepted.candidates(input, phone)) {
    const distance = distanceMeters(input, other.input);
    const samePhone = phone !== null && other.phone === phone;
    // The same reach as the check against stored leads: neighbours within the radius, or the same phone anywhere.
    if (distance > NEIGHBOURHOOD_M && !samePhone) continue;
    const verdict = judgeDuplicate({ nameSimilarity: similarity(other.name), samePhone, distance });
    const id = other.report.leadId;
    if (verdict && id !== undefined && (!best || verdict.score > best.score)) {
      best = { id, strong: verdict.strength === 'strong', score: verdict.score, reasons: verdict.reasons };
    }
  }
  return best;
}

/**
 * Imports a CSV of leads through the capture path of `POST /api/v1/leads`: each row validated, checked for duplicates
 * (a store that is already a merchant is rejected; a strong lead match is merged into the existing lead, a weak match
 * created and flagged; rows of the file against each other too), then written a batch per transaction, to the public
 * pool or the importer within their limit.
 */
export async function importLeads(ctx: LeadsContext, actor: ImportActor, text: string, progress?: ProgressReporter): Promise<ImportReport> {
  const [header, ...data] = parseCsv(text);
  const columns = readHeader(header);
  const policy = poolPolicyOf(ctx, actor.country, actor.owner?.roles);
  const owner = actor.owner;
  if (owner) await holdingRepository.ensure(ctx.db, ctx.dialect, owner.userId);
  const report: ImportReport = { created: 0, merged: 0, rejected: 0, rows: [] };
  progress?.start(data.length, 'Leads');
  for (let start = 0; start < data.length; start += BATCH) {
    const accepted: Accepted[] = [];
    const neighbours = new NeighbourhoodGrid<Accepted>(NEIGHBOURHOOD_M);
    const held = owner ? await holdingRepository.held(ctx.db, owner.userId) : 0;
    const now = ctx.clock.now();
    const valid: ValidRow[] = [];
    for (const [offset, cells] of data.slice(start, start + BATCH).entries()) {
      const row: ImportRowReport = { row: start + offset + 1, status: 'rejected', reasons: [] };
      report.rows.push(row);
      const read = readRow(cells, columns);
      const phone = read.ok ? checkPhone(ctx, actor.country, read.input.phone) : undefined;
      if (!read.ok || !phone?.ok) {
        row.reasons = read.ok ? [`phone: ${phone && !phone.ok ? phone.reason : 'is not valid'}`] : read.reasons;
        continue;
      }
      valid.push({ report: row, input: { ...read.input, ...(actor.toStored?.(read.input) ?? {}) }, phone: phone.e164 });
    }
    // One batch of merchant lookups for the whole chunk, not one call per row.
    const merchants = await merchantsNear(
      ctx,
      valid.map((v) => v.input),
    );
    for (const [index, { report: row, input, phone }] of valid.entries()) {
      const checked = await checkCapture(ctx, actor.country, input, phone, merchants[index] ?? []);
      const merchant = checked.strong.find((c) => c.type === 'merchant');
      if (merchant) {
        Object.assign(row, {
          duplicateOf: merchant.id,
          reasons: [`duplicate of merchant ${merchant.id} (${merchant.name}): ${merchant.reasons.join(', ')}`],
        });
        continue;
      }
      const twin = sameFileMatch(neighbours, checked.name, checked.phone, input);
      const strong = checked.strong[0];
      if (strong || twin?.strong) {
        const id = strong ? strong.id : (twin?.id ?? '');
        Object.assign(row, { status: 'merged', leadId: id, duplicateOf: id, reasons: strong ? strong.reasons : (twin?.reasons ?? []) });
        continue;
      }
      let ownership = PUBLIC;
      if (owner) {
        const decision = capture({ userId: owner.userId, held: held + accepted.length, lostAt: null }, policy, now);
        if (!decision.ok) {
          row.reasons = [`owner: ${decision.message}`];
          continue;
        }
        ownership = decision;
      }
      const weak = checked.candidates[0];
      const duplicateOf = weak?.id ?? twin?.id ?? null;
      Object.assign(row, {
        status: 'created',
        reasons: duplicateOf
          ? [`possible duplicate${weak ? ` of ${weak.type}` : ''}: ${(weak?.reasons ?? twin?.reasons ?? []).join(', ')}`]
          : [],
      });
      if (duplicateOf) row.duplicateOf = duplicateOf;
      row.leadId = uuidv7();
      const entry = { report: row, input, name: checked.name, phone: checked.phone, ownership, duplicateOf };
      accepted.push(entry);
      neighbours.add(input, checked.phone, entry);
    }
    await writeBatch(ctx, actor, accepted, now);
    progress?.tick(Math.min(BATCH, data.length - start));
  }
  progress?.stop();
  for (const row of report.rows) report[row.status]++;
  return report;
}

/** The accepted rows with their areas; a row whose point lies in another country's area is rejected instead. */
async function locate(ctx: LeadsContext, actor: ImportActor, accepted: Accepted[]): Promise<{ entry: Accepted; areaId: string | null }[]> {
  const areas = await resolveAreas(
    ctx,
    accepted.map((a) => a.input),
    actor.callAs,
  );
  return accepted.flatMap((entry, i) => {
    const conflict = areaCountryConflict(areas?.[i], actor.country);
    if (!conflict) return [{ entry, areaId: areas?.[i]?.areaId ?? null }];
    Object.assign(entry.report, { status: 'rejected', reasons: [`lat/lng: ${conflict.problems[0]?.message}`] });
    delete entry.report.leadId;
    delete entry.report.duplicateOf;
    return [];
  });
}

async function writeBatch(ctx: LeadsContext, actor: ImportActor, batch: Accepted[], now: number): Promise<void> {
  if (batch.length === 0) return;
  const located = await locate(ctx, actor, batch);
  const accepted = located.map((l) => l.entry);
  const owner = actor.owner;
  const rows: LeadRow[] = accepted.map((a, i) =>
    newLeadRow(ctx, a, a.input, {
      id: a.report.leadId,
      country: actor.country,
      ownership: a.ownership,
      orgUnitId: owner?.orgUnitId ?? null,
      agencyId: owner ? owner.agencyId : actor.agencyId,
      areaId: located[i]?.areaId ?? null,
      duplicateOf: a.duplicateOf,
      now,
    }),
  );
  const limit = poolPolicyOf(ctx, actor.country, owner?.roles).claimLimit;
  await ctx.transact(async (trx, events) => {
    await leadRepository.insertMany(trx, rows);
    for (const row of rows) {
      if (owner) {
        if (!(await holdingRepository.acquire(trx, owner.userId, limit))) {
          throw refused({ ok: false, code: 'limit', message: `You hold the most leads allowed (${limit}).` });
        }
        await claimHistoryRepository.record(trx, row.id, owner.userId, 'claimed', now);
      }
      await events.append(leadEvents.created(row, actor.actor));
    }
  });
}
