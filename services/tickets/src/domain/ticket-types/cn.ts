import { STANDARD_ONBOARDING, standardTypes } from './standard-types';
import type { CountryTicketSetup } from './ticket-type';

/** China: Sunmi and Newland terminals; complaints through WeChat, the 400 hotline and the merchant portal. */
export const cnTickets: CountryTicketSetup = {
  types: standardTypes({
    terminalModels: ['Sunmi P2', 'Sunmi V2s', 'Newland N910'],
    serialPattern: '^[0-9A-Z]{10,20}$',
    complaintChannels: ['wechat', 'hotline-400', 'portal'],
  }),
  reopenWindowDays: 7,
  onboardingTasks: [...STANDARD_ONBOARDING, { title: 'Set up the WeChat mini-program menu', fields: { task: 'documents' } }],
};
