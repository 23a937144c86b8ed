import { COUNTRY_CODES, type CountryCode } from '@fieldops/countries';
import type { SlaPolicy, SlaPolicySet, SlaPolicyTable } from './sla-policy';

/**
 * Starting figures, in working minutes of the country's calendar (a CN/SG working day is 540 minutes, a BR one 600),
 * chosen after the common help-desk tiers (Zendesk/ServiceNow defaults):
 *
 * | priority | first response | next response | resolution | warn before | team lead after breach | city manager after |
 * | urgent   | 30 (½ h)       | 60 (1 h)      | 240 (4 h)  | 15          | 30                     | 120                |
 * | high     | 60 (1 h)       | 120 (2 h)     | 480 (8 h)  | 30          | 60                     | 240                |
 * | normal   | 240 (4 h)      | 480 (8 h)     | 1440 (24 h)| 60          | 120                    | 480                |
 * | low      | 480 (8 h)      | 960 (16 h)    | 2400 (40 h)| 120         | 240                    | 960                |
 *
 * A complaint is answered four times faster (the merchant was promised a reply): first response 15 / 15 / 60 / 120,
 * next response 30 / 30 / 120 / 240, warn 5 / 5 / 15 / 30. Field work that needs an appointment on site (install,
 * onboarding, photo shoot) gets three times the resolution time: 720 / 1440 / 4320 / 7200. Every country starts
 * from the same figures: its own calendar already makes them local. Tune them per country in this table.
 */
function policy(
  firstResponse: number,
  nextResponse: number,
  resolution: number,
  warnBeforeMinutes: number,
  teamLeadAfter: number,
  cityManagerAfter: number,
): SlaPolicy {
  return {
    targets: { firstResponse, nextResponse, resolution },
    warnBeforeMinutes,
    escalations: [
      { level: 1, afterBreachMinutes: teamLeadAfter, notify: 'team-lead' },
      { level: 2, afterBreachMinutes: cityManagerAfter, notify: 'city-manager' },
    ],
  };
}

const STANDARD: SlaPolicySet = {
  urgent: policy(30, 60, 240, 15, 30, 120),
  high: policy(60, 120, 480, 30, 60, 240),
  normal: policy(240, 480, 1440, 60, 120, 480),
  low: policy(480, 960, 2400, 120, 240, 960),
};

const COMPLAINT: SlaPolicySet = {
  urgent: policy(15, 30, 240, 5, 30, 120),
  high: policy(15, 30, 480, 5, 60, 240),
  normal: policy(60, 120, 1440, 15, 120, 480),
  low: policy(120, 240, 2400, 30, 240, 960),
};

const ON_SITE: SlaPolicySet = {
  urgent: policy(30, 60, 720, 15, 30, 120),
  high: policy(60, 120, 1440, 30, 60, 240),
  normal: policy(240, 480, 4320, 60, 120, 480),
  low: policy(480, 960, 7200, 120, 240, 960),
};

const COUNTRY_ROW: SlaPolicyTable[string] = {
  default: STANDARD,
  complaint: COMPLAINT,
  'equipment-install': ON_SITE,
  'onboarding-task': ON_SITE,
  'photo-shoot': ON_SITE,
};

/** Every country pack starts from the same row; a country whose figures differ gets its own entry here. */
export const DEFAULT_SLA_POLICIES: SlaPolicyTable = Object.fromEntries(COUNTRY_CODES.map((code) => [code, COUNTRY_ROW]));

/** The policies for a ticket type in a country, falling back to the country's default row. */
export function slaPoliciesFor(table: SlaPolicyTable, country: CountryCode, ticketType: string): SlaPolicySet {
  const row = table[country] ?? COUNTRY_ROW;
  return row[ticketType] ?? row.default;
}
