import { STANDARD_ONBOARDING, standardTypes } from './standard-types';
import type { CountryTicketSetup } from './ticket-type';

/** Brazil: Gertec and PAX fleets; complaints through WhatsApp, the phone line and Reclame Aqui. */
export const brTickets: CountryTicketSetup = {
  types: standardTypes({
    terminalModels: ['Gertec GPOS700', 'PAX D195', 'PAX A930'],
    serialPattern: '^[0-9A-Z]{8,16}$',
    complaintChannels: ['whatsapp', 'phone', 'reclame-aqui', 'portal'],
  }),
  reopenWindowDays: 10,
  onboardingTasks: STANDARD_ONBOARDING,
};
