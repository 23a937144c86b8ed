import type { LeadStage } from '@fieldops/contracts';

const OPEN_ORDER: LeadStage[] = ['new', 'contacted', 'qualified', 'negotiating', 'won'];

/**
 * Stages move forward (`new → contacted → qualified → negotiating → won`, skipping allowed) or to `lost` from any
 * open stage; a lost lead may be reopened as `new`. `converted` is reached only through the conversion saga.
 */
export function canMoveStage(from: LeadStage, to: LeadStage): boolean {
  if (from === to || to === 'converted' || from === 'converted') return false;
  if (from === 'lost') return to === 'new';
  if (to === 'lost') return from !== 'won';
  const a = OPEN_ORDER.indexOf(from);
  const b = OPEN_ORDER.indexOf(to);
  return a >= 0 && b > a;
}
