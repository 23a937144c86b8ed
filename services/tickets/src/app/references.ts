import { Code, ConnectError } from '@connectrpc/connect';
import { AccountService, CheckinService, LeadsService, MerchantService, PoiService } from '@fieldops/contracts';
import { type Access, asCaller, isServiceUnreachable, ServiceUnavailableError, UnprocessableError } from '@fieldops/platform';
import type { TicketsContext } from '../config';

const NOT_VISIBLE = new Set([Code.NotFound, Code.InvalidArgument, Code.PermissionDenied]);

/** What a ticket takes from the records it names: where it is and whose it is. */
export interface ReferencedRecord {
  id: string;
  country: string;
  lat: number | null;
  lng: number | null;
  areaId: string | null;
  orgUnitId: string | null;
  agencyId: string | null;
}

/**
 * Reads a referenced record with the caller's token, so its owner applies the caller's scope: one they may not
 * see is a 422 naming `field`, as is one of another country than the ticket; an owner out of reach is a 503.
 */
export async function readAs<T>(
  what: string,
  field: string,
  country: string,
  read: () => Promise<T | undefined>,
  countryOf: (r: T) => string,
) {
  let record: T | undefined;
  try {
    record = await read();
  } catch (error) {
    if (error instanceof ConnectError && NOT_VISIBLE.has(error.code)) record = undefined;
    else if (isServiceUnreachable(error)) {
      throw new ServiceUnavailableError(`The ${what} cannot be checked now; try again later.`);
    } else throw error;
  }
  if (record === undefined)
    throw new UnprocessableError(`The ${what} was not found.`, [{ field, message: `is not a ${what} you can see` }]);
  const theirs = countryOf(record);
  if (theirs !== country) {
    throw new UnprocessableError(`The ${what} is in another country.`, [
      { field, message: `is a ${what} in ${theirs}; the ticket is in ${country}` },
    ]);
  }
  return record;
}

const orNull = <V>(value: V | undefined): V | null => value ?? null;

export async function referencedMerchant(ctx: TicketsContext, access: Access, id: string, country: string): Promise<ReferencedRecord> {
  const m = await readAs(
    'merchant',
    '/body/merchantId',
    country,
    async () => (await ctx.rpc.client(MerchantService).getMerchant({ id }, asCaller(access.caller.token))).merchant,
    (r) => r.country,
  );
  return {
    id: m.id,
    country: m.country,
    lat: m.lat,
    lng: m.lng,
    areaId: orNull(m.areaId),
    orgUnitId: orNull(m.orgUnitId),
    agencyId: orNull(m.agencyId),
  };
}

export async function referencedLead(ctx: TicketsContext, access: Access, id: string, country: string): Promise<ReferencedRecord> {
  const l = await readAs(
    'lead',
    '/body/leadId',
    country,
    async () => (await ctx.rpc.client(LeadsService).getLead({ id }, asCaller(access.caller.token))).lead,
    (r) => r.country,
  );
  return {
    id: l.id,
    country: l.country,
    lat: l.lat,
    lng: l.lng,
    areaId: orNull(l.areaId),
    orgUnitId: orNull(l.orgUnitId),
    agencyId: orNull(l.agencyId),
  };
}

export async function referencedPlace(ctx: TicketsContext, access: Access, id: string, country: string): Promise<ReferencedRecord> {
  const p = await readAs(
    'place',
    '/body/placeId',
    country,
    async () => (await ctx.rpc.client(PoiService).getPlace({ id }, asCaller(access.caller.token))).place,
    (r) => r.country,
  );
  return { id: p.id, country: p.country, lat: p.lat, lng: p.lng, areaId: orNull(p.areaId), orgUnitId: null, agencyId: null };
}

export async function referencedVisit(ctx: TicketsContext, access: Access, id: string, country: string): Promise<ReferencedRecord> {
  const v = await readAs(
    'visit',
    '/body/visitId',
    country,
    async () => (await ctx.rpc.client(CheckinService).getVisit({ id }, asCaller(access.caller.token))).visit,
    (r) => r.country,
  );
  return {
    id: v.id,
    country: v.country,
    lat: v.lat,
    lng: v.lng,
    areaId: orNull(v.areaId),
    orgUnitId: orNull(v.orgUnitId),
    agencyId: orNull(v.agencyId),
  };
}

/** A user who can take tickets: active, of the ticket's country. */
export interface Assignee {
  id: string;
  orgUnitId: string;
  agencyId: string | null;
}

/** A user the caller names as assignee (`field`), read with the caller's token: one they cannot see is a 422. */
export async function referencedAssignee(
  ctx: TicketsContext,
  access: Access,
  id: string,
  country: string,
  field: string,
): Promise<Assignee> {
  const user = await readAs(
    'user',
    field,
    country,
    async () => (await ctx.rpc.client(AccountService).getUser({ id }, asCaller(access.caller.token))).user,
    (r) => r.country,
  );
  if (user.status !== 'active') throw new UnprocessableError('The user is disabled.', [{ field, message: 'is not an active user' }]);
  return { id: user.id, orgUnitId: user.orgUnitId, agencyId: orNull(user.agencyId) };
}
