import { STANDARD_ONBOARDING, standardTypes } from './standard-types';
import type { CountryTicketSetup } from './ticket-type';

/** Singapore: PAX and Ingenico fleets; complaints come in by phone, WhatsApp and the merchant portal. */
export const sgTickets: CountryTicketSetup = {
  types: standardTypes({
    terminalModels: ['PAX A920', 'PAX A80', 'Ingenico Move/5000'],
    serialPattern: '^[0-9A-Z]{8,16}$',
    complaintChannels: ['phone', 'whatsapp', 'portal', 'email'],
  }),
  reopenWindowDays: 7,
  onboardingTasks: STANDARD_ONBOARDING,
};
