import { STANDARD_ONBOARDING, standardTypes } from './standard-types';
import type { CountryTicketSetup } from './ticket-type';

/**
 * Thailand: PAX, Verifone and Ingenico terminals; most complaints come in on LINE, the rest by phone and the
 * merchant portal. A new merchant also gets PromptPay and the Thai QR set up.
 */
export const thTickets: CountryTicketSetup = {
  types: standardTypes({
    terminalModels: ['PAX A920', 'Verifone V200c', 'Ingenico Move/5000'],
    serialPattern: '^[0-9A-Z]{8,16}$',
    complaintChannels: ['line', 'phone', 'email', 'portal'],
    localLabels: {
      locale: 'th',
      labels: {
        'equipment-repair': 'ซ่อมเครื่องรับชำระเงิน',
        'equipment-install': 'ติดตั้งเครื่องรับชำระเงิน',
        'onboarding-task': 'งานเริ่มต้นสำหรับร้านค้าใหม่',
        complaint: 'ข้อร้องเรียนของร้านค้า',
        'data-correction': 'แก้ไขข้อมูลร้านค้า',
        'photo-shoot': 'ถ่ายภาพที่ร้านค้า',
        'merchant-follow-up': 'ติดตามร้านค้าที่ถูกระงับหรือมีความเสี่ยง',
      },
    },
  }),
  reopenWindowDays: 7,
  onboardingTasks: [...STANDARD_ONBOARDING, { title: 'Set up PromptPay and the Thai QR payment', fields: { task: 'documents' } }],
};
