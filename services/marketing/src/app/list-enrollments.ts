import type { EnrollmentState } from '@fieldops/contracts';
import { type Access, decodeIdCursor, NotFoundError, type Page, toPage } from '@fieldops/platform';
import type { MarketingContext } from '../config';
import { campaignRepository } from '../db/campaign.repository';
import { enrollmentRepository } from '../db/enrollment.repository';
import { toEnrollmentView } from './enrollment-view';

/**
 * A campaign's enrollments the caller may see, in id order: a manager sees those of the merchants in their scope,
 * a rep those of their own merchants (their campaign tasks), even when the campaign itself is not theirs to read.
 */
export async function listEnrollments(
  ctx: MarketingContext,
  access: Access,
  campaignId: string,
  query: { state?: EnrollmentState; limit: number; cursor?: string },
): Promise<Page<ReturnType<typeof toEnrollmentView>>> {
  const after = decodeIdCursor(query.cursor);
  const rows = await enrollmentRepository.list(ctx.db, campaignId, access.scope, { state: query.state, after, limit: query.limit + 1 });
  if (rows.length === 0 && after === undefined && !(await campaignRepository.visible(ctx.db, campaignId, access.scope))) {
    throw new NotFoundError('Campaign');
  }
  return toPage(rows, query.limit, (row) => [row.id], toEnrollmentView);
}
