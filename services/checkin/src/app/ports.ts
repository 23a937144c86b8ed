import type { SetupContext } from '@fieldops/platform';
import type { CheckinDb } from '../db/schema';
import { type PhotoEvidence, rpcPhotoEvidence } from './photo-evidence';
import { rpcVisitTargets, type VisitTargets } from './visit-targets';

/** What this service asks other services, behind ports so the use cases name the capability, not the RPC. */
export interface CheckinPorts {
  targets: VisitTargets;
  photos: PhotoEvidence;
}

export function rpcPorts(ctx: SetupContext<CheckinDb>): CheckinPorts {
  return { targets: rpcVisitTargets(ctx), photos: rpcPhotoEvidence(ctx) };
}
