import { type EdgeCoordinates, roundMetres } from '@fieldops/geo';
import { type Access, ValidationError } from '@fieldops/platform';
import type { LeadsContext } from '../config';
import { type CreateLeadInput, checkCapture, checkPhone } from './capture';
import { readableDuplicates } from './shown-duplicates';

/** A possible duplicate as the rep may see it while typing: only records they may read are named. */
export interface DuplicateCheckItem {
  type: 'lead' | 'merchant';
  id: string;
  name: string;
  distance: number;
  strength: 'strong' | 'weak';
  reasons: string[];
  pool?: 'private' | 'public';
  /** Who holds the lead, as the rep may know it: them, a colleague, or nobody (the pool). */
  holder?: 'me' | 'other' | 'nobody';
  lat: number;
  lng: number;
}

export interface DuplicateCheck {
  items: DuplicateCheckItem[];
  /** Matches the rep may not read: that they exist is said (a capture would be refused), not who or where. */
  hidden: number;
  /** True when saving would be refused with 409 (a strong match exists, readable or not). */
  blocking: boolean;
}

/**
 * The duplicate check a capture would run, before the rep saves: the same scoring (name, phone, distance against the
 * country's leads and the merchants near the point), answered in the caller's scope without writing anything.
 */
export async function checkDuplicates(
  ctx: LeadsContext,
  access: Access,
  input: Pick<CreateLeadInput, 'name' | 'phone' | 'lat' | 'lng'>,
  edge: EdgeCoordinates,
): Promise<DuplicateCheck> {
  const { caller } = access;
  const phone = checkPhone(ctx, caller.country, input.phone);
  if (!phone.ok) throw new ValidationError([{ field: '/query/phone', message: phone.reason }]);
  const checked = await checkCapture(ctx, caller.country, input, phone.e164);
  const readable = await readableDuplicates(ctx, access, checked.candidates);
  const items = checked.candidates
    .filter((c) => readable.has(c.id))
    .map((c): DuplicateCheckItem => {
      const at = edge.toClient(c);
      return {
        type: c.type,
        id: c.id,
        name: c.name,
        distance: roundMetres(c.distance),
        strength: c.strength,
        reasons: c.reasons,
        ...(c.pool === null ? {} : { pool: c.pool, holder: c.ownerId === null ? 'nobody' : c.ownerId === caller.userId ? 'me' : 'other' }),
        lat: at.lat,
        lng: at.lng,
      };
    });
  return { items, hidden: checked.candidates.length - items.length, blocking: checked.strong.length > 0 };
}
