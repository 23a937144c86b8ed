import type { TObject } from 'typebox';
import type { TicketPriority } from '../ticket-state';

export const TICKET_TYPES = [
  'equipment-repair',
  'equipment-install',
  'onboarding-task',
  'complaint',
  'data-correction',
  'photo-shoot',
  'merchant-follow-up',
] as const;
export type TicketTypeName = (typeof TICKET_TYPES)[number];

/**
 * How a new ticket of a type finds its assignee: the rep covering the merchant's point (area service), the
 * least-loaded member of the creator's team, or nobody (it waits in its queue).
 */
export type AssignmentRule = 'covering-rep' | 'least-loaded' | 'queue';

export interface TicketTypeDefinition {
  type: TicketTypeName;
  label: string;
  /** The label in the country's own language(s), by locale; English is `label`. */
  labels?: Readonly<Record<string, string>>;
  /** JSON Schema of the type's `fields`. */
  fields: TObject;
  defaultPriority: TicketPriority;
  queue: string;
  assignment: AssignmentRule;
}

/** One country's ticket types and rules. */
export interface CountryTicketSetup {
  types: readonly TicketTypeDefinition[];
  /** Days after a resolution within which a ticket may be reopened. */
  reopenWindowDays: number;
  /** The types a merchant converted from a lead gets, one ticket each. */
  onboardingTasks: readonly { title: string; fields: Record<string, unknown> }[];
}
