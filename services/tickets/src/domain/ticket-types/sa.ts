import { STANDARD_ONBOARDING, standardTypes } from './standard-types';
import type { CountryTicketSetup } from './ticket-type';

/**
 * Saudi Arabia: PAX, Ingenico and Verifone terminals on the mada network; complaints by phone, WhatsApp and
 * through SAMA Cares, the central bank's complaint channel. A new merchant's terminal is registered for mada.
 */
export const saTickets: CountryTicketSetup = {
  types: standardTypes({
    terminalModels: ['PAX A920', 'Ingenico Move/5000', 'Verifone V240m'],
    serialPattern: '^[0-9A-Z]{8,16}$',
    complaintChannels: ['phone', 'whatsapp', 'sama-cares', 'portal'],
    localLabels: {
      locale: 'ar',
      labels: {
        'equipment-repair': 'إصلاح جهاز نقاط البيع',
        'equipment-install': 'تركيب أجهزة نقاط البيع',
        'onboarding-task': 'مهمة تهيئة تاجر جديد',
        complaint: 'شكوى تاجر',
        'data-correction': 'تصحيح بيانات التاجر',
        'photo-shoot': 'جلسة تصوير لدى التاجر',
        'merchant-follow-up': 'متابعة تاجر موقوف أو معرّض للخسارة',
      },
    },
  }),
  reopenWindowDays: 7,
  onboardingTasks: [...STANDARD_ONBOARDING, { title: 'Register the terminal for mada', fields: { task: 'documents' } }],
};
