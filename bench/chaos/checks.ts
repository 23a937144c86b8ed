// The checks after a run: what the clients were told against what the owners' databases hold.
import { COUNTRY_PACKS } from '@fieldops/countries';
import type { RowDataPacket } from 'mysql2/promise';
import type { Ledger } from './ledger';
import { database, type Observer } from './observe';

export interface Check {
  name: string;
  expected: string;
  measured: string;
  ok: boolean;
}

const inList = (ids: string[]) => ids.map(() => '?').join(',');

/** How many of `ids` the table holds (in chunks: a run acknowledges thousands). */
async function present(observer: Observer, table: string, ids: string[], extra = ''): Promise<number> {
  let found = 0;
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    found += await observer.count(`SELECT COUNT(*) AS n FROM ${table} WHERE id IN (${inList(chunk)}) ${extra}`, chunk);
  }
  return found;
}

export async function ackedWritesPresent(observer: Observer, ledger: Ledger): Promise<Check> {
  const ids = (kind: Parameters<Ledger['count']>[0]) => [...new Set(ledger.acked.filter((w) => w.kind === kind).map((w) => w.id))];
  const leads = ids('lead');
  const visits = ids('visit');
  const checkOuts = ids('check-out');
  const foundLeads = await present(observer, `${database('leads')}.lead`, leads);
  const foundVisits = await present(observer, `${database('checkin')}.visit`, visits);
  const foundOuts = await present(observer, `${database('checkin')}.visit`, checkOuts, 'AND checked_out_at IS NOT NULL');
  // Each acknowledged claim is in the lead's claim history under the rep who was told they won it.
  let foundClaims = 0;
  const claims = ledger.acked.filter((w) => w.kind === 'claim');
  for (const claim of claims) {
    foundClaims += Math.min(
      1,
      await observer.count(
        `SELECT COUNT(*) AS n FROM ${database('leads')}.lead_claim_history WHERE lead_id = ? AND user_id = ? AND event = 'claimed'`,
        [claim.id, claim.userId],
      ),
    );
  }
  const uploads = ids('upload');
  const foundUploads = await present(observer, `${database('file')}.file`, uploads);
  // An acknowledged area edit is there, or a later one replaced it: the area's version is at least the one answered.
  const edits = ledger.acked.filter((w) => w.kind === 'area edit');
  let foundEdits = 0;
  for (const edit of edits) {
    foundEdits += Math.min(
      1,
      await observer.count(`SELECT COUNT(*) AS n FROM ${database('area')}.area WHERE id = ? AND version >= ?`, [
        edit.id,
        edit.version ?? 0,
      ]),
    );
  }
  const total = leads.length + visits.length + checkOuts.length + claims.length + uploads.length + edits.length;
  const found = foundLeads + foundVisits + foundOuts + foundClaims + foundUploads + foundEdits;
  return {
    name: 'acknowledged writes in their owner’s database',
    expected: 'all',
    measured: `${found} of ${total} (leads ${foundLeads}/${leads.length}, visits ${foundVisits}/${visits.length}, check-outs ${foundOuts}/${checkOuts.length}, claims ${foundClaims}/${claims.length}, uploads ${foundUploads}/${uploads.length}, area edits ${foundEdits}/${edits.length})`,
    ok: found === total,
  };
}

/**
 * Each acknowledged conversion ends as a merchant: the saga (leads → merchant → leads, by events) marks the lead
 * converted. Its last steps are events written after the load stopped, so they are waited for, up to `timeoutMs`.
 */
export async function conversionsCompleted(observer: Observer, ledger: Ledger, timeoutMs = 120_000): Promise<Check> {
  const leads = [...new Set(ledger.acked.filter((w) => w.kind === 'conversion').map((w) => w.id))];
  const deadline = Date.now() + timeoutMs;
  let statuses: Record<string, number> = {};
  for (;;) {
    statuses = {};
    for (let i = 0; i < leads.length; i += 500) {
      const chunk = leads.slice(i, i + 500);
      const rows = await observer.query<RowDataPacket & { conversion_status: string; n: number }>(
        `SELECT conversion_status, COUNT(*) AS n FROM ${database('leads')}.lead WHERE id IN (${inList(chunk)}) GROUP BY conversion_status`,
        chunk,
      );
      for (const row of rows) statuses[row.conversion_status] = (statuses[row.conversion_status] ?? 0) + Number(row.n);
    }
    if ((statuses.converted ?? 0) === leads.length || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  return {
    name: 'acknowledged conversions that became merchants',
    expected: `all (${leads.length})`,
    measured: `${statuses.converted ?? 0} of ${leads.length} ${JSON.stringify(statuses)}`,
    ok: leads.length > 0 && (statuses.converted ?? 0) === leads.length,
  };
}

/** Replays each lead's claim history: a claim while another rep holds it would be two owners at once. */
export async function claimsSound(observer: Observer): Promise<Check> {
  const rows = await observer.query<RowDataPacket & { lead_id: string; user_id: string; event: string }>(
    `SELECT lead_id, user_id, event FROM ${database('leads')}.lead_claim_history ORDER BY lead_id, at, id`,
  );
  const holder = new Map<string, string | null>();
  let doubles = 0;
  for (const row of rows) {
    const current = holder.get(row.lead_id) ?? null;
    if (row.event === 'claimed' || row.event === 'assigned' || row.event === 'transferred') {
      if (row.event === 'claimed' && current !== null && current !== row.user_id) doubles++;
      holder.set(row.lead_id, row.user_id);
    } else holder.set(row.lead_id, null);
  }
  const sg = COUNTRY_PACKS.find((pack) => pack.identity.code === 'SG');
  const limit = sg?.defaults.leadClaimLimit ?? 0;
  const holdings = await observer.query<RowDataPacket & { user_id: string; held: number; owned: number }>(
    // A converted lead belongs to its merchant: it no longer counts against the rep's limit.
    `SELECT h.user_id, h.held, (SELECT COUNT(*) FROM ${database('leads')}.lead l WHERE l.owner_id = h.user_id AND l.pool = 'private' AND l.stage <> 'converted') AS owned
       FROM ${database('leads')}.lead_holding h`,
  );
  const overLimit = holdings.filter((h) => Number(h.owned) > limit).length;
  const drift = holdings.filter((h) => Number(h.held) !== Number(h.owned)).length;
  return {
    name: 'claims: two owners at once / above the limit / count drift',
    expected: '0 / 0 / 0',
    measured: `${doubles} / ${overLimit} / ${drift} (${rows.length} claim-history rows, limit ${limit})`,
    ok: doubles === 0 && overLimit === 0 && drift === 0,
  };
}

export async function eventsDelivered(observer: Observer): Promise<Check[]> {
  const delivery = await observer.delivery(Date.now());
  return [
    {
      name: 'events lost between outbox and consumers',
      expected: '0',
      measured: `${delivery.unpublished} unpublished, ${delivery.unapplied} unapplied, ${delivery.deadLetters} dead letters`,
      ok: delivery.unpublished === 0 && delivery.unapplied === 0 && delivery.deadLetters === 0,
    },
  ];
}

/** The inbox's key makes a second apply a no-op; a duplicate would show as more inbox rows than distinct events. */
export async function eventsAppliedTwice(observer: Observer, services: readonly string[]): Promise<Check> {
  let twice = 0;
  let applied = 0;
  for (const service of services) {
    applied += await observer.count(`SELECT COUNT(*) AS n FROM ${database(service)}.inbox`);
    twice += await observer.count(
      `SELECT COUNT(*) AS n FROM (SELECT consumer, event_id FROM ${database(service)}.inbox GROUP BY consumer, event_id HAVING COUNT(*) > 1) d`,
    );
  }
  return { name: 'events applied twice (inbox)', expected: '0', measured: `${twice} of ${applied} applied`, ok: twice === 0 };
}

/** The search read model against a recount from the owners: SG leads by pool, and visits. */
export async function searchMatchesOwners(observer: Observer, gateway: string, token: string): Promise<Check> {
  const owned = await observer.query<RowDataPacket & { pool: string; n: number }>(
    `SELECT pool, COUNT(*) AS n FROM ${database('leads')}.lead WHERE country = 'SG' GROUP BY pool`,
  );
  const visits = await observer.count(`SELECT COUNT(*) AS n FROM ${database('checkin')}.visit WHERE country = 'SG'`);
  const facet = async (type: string, name: string) => {
    const response = await fetch(`${gateway}/api/v1/search?type=${type}&country=SG&limit=1&facets=${name}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { facets?: Record<string, Record<string, number>> };
    return body.facets?.[name] ?? {};
  };
  const pools = await facet('lead', 'pool');
  const visitTypes = await facet('visit', 'type');
  const expected = Object.fromEntries(owned.map((row) => [row.pool, Number(row.n)]));
  const mismatches = Object.entries(expected).filter(([pool, n]) => (pools[pool] ?? 0) !== n);
  const searchVisits = visitTypes.visit ?? 0;
  const ok = mismatches.length === 0 && searchVisits === visits;
  return {
    name: 'search read model = recount from the owners',
    expected: 'equal',
    measured: `leads by pool owner ${JSON.stringify(expected)} search ${JSON.stringify(pools)}; visits owner ${visits} search ${searchVisits}`,
    ok,
  };
}
