import { STANDARD_ONBOARDING, standardTypes } from './standard-types';
import type { CountryTicketSetup } from './ticket-type';

/** Indonesia: PAX and Verifone; most complaints arrive on WhatsApp. */
export const idTickets: CountryTicketSetup = {
  types: standardTypes({
    terminalModels: ['PAX A920', 'Verifone X990'],
    serialPattern: '^[0-9A-Z]{8,16}$',
    complaintChannels: ['whatsapp', 'phone', 'portal'],
  }),
  reopenWindowDays: 14,
  onboardingTasks: STANDARD_ONBOARDING,
};
