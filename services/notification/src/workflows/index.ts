import { areaAssigned, areaUnassigned } from './area-assignment';
import { campaignInvitation } from './campaign-invitation';
import { conversionRejected } from './conversion-rejected';
import { leadAssigned } from './lead-assigned';
import { leadRecycleWarning } from './lead-recycle-warning';
import { leadRecycled } from './lead-recycled';
import { merchantTransferred } from './merchant-transferred';
import { passwordChanged } from './password-changed';
import { dailyAttainment, periodClosing, statementReady, targetReached } from './performance';
import { ticketAssigned } from './ticket-assigned';
import { ticketEscalated, ticketSlaBreached, ticketSlaWarned } from './ticket-sla';
import { visitFlagged } from './visit-flagged';
import { visitReviewed } from './visit-reviewed';
import type { AnyWorkflow } from './workflow';

/** Every kind of notice this build sends. */
export const WORKFLOWS: readonly AnyWorkflow[] = [
  leadRecycleWarning,
  leadAssigned,
  leadRecycled,
  visitFlagged,
  visitReviewed,
  merchantTransferred,
  conversionRejected,
  areaAssigned,
  areaUnassigned,
  passwordChanged,
  ticketAssigned,
  ticketSlaWarned,
  ticketSlaBreached,
  ticketEscalated,
  statementReady,
  targetReached,
  dailyAttainment,
  periodClosing,
  campaignInvitation,
];

export function workflowNamed(name: string): AnyWorkflow | undefined {
  return WORKFLOWS.find((w) => w.name === name);
}
