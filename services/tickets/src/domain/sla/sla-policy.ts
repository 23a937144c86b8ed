import type { CountryCode } from '@fieldops/countries';
import type { SlaPriority } from './sla-history';

export const SLA_CLOCKS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaClockName = (typeof SLA_CLOCKS)[number];

/** Who an escalation level notifies. */
export type EscalationAudience = 'team-lead' | 'city-manager';

export interface EscalationLevel {
  readonly level: number;
  /** Working minutes of the clock past its target before this level fires. */
  readonly afterBreachMinutes: number;
  readonly notify: EscalationAudience;
}

/** Targets for one ticket priority; every figure is in working minutes of the country's calendar. */
export interface SlaPolicy {
  readonly targets: Readonly<Record<SlaClockName, number>>;
  /** The warning fires this many working minutes before the target. */
  readonly warnBeforeMinutes: number;
  readonly escalations: readonly EscalationLevel[];
}

/** The policies of one ticket type in one country, by priority: a priority change re-targets the clocks. */
export type SlaPolicySet = Readonly<Record<SlaPriority, SlaPolicy>>;

/** Country × ticket type × priority. `default` covers a type without its own row. */
export type SlaPolicyTable = Readonly<Record<CountryCode, Readonly<{ default: SlaPolicySet } & Partial<Record<string, SlaPolicySet>>>>>;
