import { STANDARD_ONBOARDING, standardTypes } from './standard-types';
import type { CountryTicketSetup } from './ticket-type';

/**
 * PAX, Castles and Verifone terminals, most taking Octopus as well as cards; complaints by phone, WhatsApp
 * and e-mail. A new merchant also gets its Octopus and FPS acceptance set up.
 */
export const hkTickets: CountryTicketSetup = {
  types: standardTypes({
    terminalModels: ['PAX A920', 'Castles Saturn1000', 'Verifone V200c'],
    serialPattern: '^[0-9A-Z]{8,16}$',
    complaintChannels: ['phone', 'whatsapp', 'email', 'portal'],
    localLabels: {
      locale: 'zh-HK',
      labels: {
        'equipment-repair': '維修收款終端機',
        'equipment-install': '安裝收款終端機',
        'onboarding-task': '新商戶開戶任務',
        complaint: '商戶投訴',
        'data-correction': '更正商戶資料',
        'photo-shoot': '到店拍攝',
        'merchant-follow-up': '跟進暫停或有流失風險的商戶',
      },
    },
  }),
  reopenWindowDays: 7,
  onboardingTasks: [...STANDARD_ONBOARDING, { title: 'Set up Octopus and FPS acceptance', fields: { task: 'documents' } }],
};
