import type { ResolvedScope } from '@fieldops/platform';
import { SERVICE_ACTOR } from '../events/published';

/** The scope the service reads a rep's facts in when it acts for itself (telling targets and attainment): all of them. */
export const EVERY_FACT: ResolvedScope = {
  userId: SERVICE_ACTOR,
  scope: 'all',
  country: '',
  orgUnitId: '',
  orgUnitIds: [],
  areaIds: [],
  agencyId: null,
};
