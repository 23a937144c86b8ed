import { STANDARD_ONBOARDING, standardTypes } from './standard-types';
import type { CountryTicketSetup } from './ticket-type';

/**
 * Mexico: Ingenico, Verifone and PAX fleets; complaints on WhatsApp, by phone and through CONDUSEF, the financial
 * services ombudsman a merchant may go to.
 */
export const mxTickets: CountryTicketSetup = {
  types: standardTypes({
    terminalModels: ['Ingenico Move/2500', 'Verifone V200c', 'PAX A920'],
    serialPattern: '^[0-9A-Z]{8,16}$',
    complaintChannels: ['whatsapp', 'phone', 'email', 'condusef', 'portal'],
    localLabels: {
      locale: 'es-MX',
      labels: {
        'equipment-repair': 'Reparar una terminal de pago',
        'equipment-install': 'Instalar terminales de pago',
        'onboarding-task': 'Tarea de alta de un comercio nuevo',
        complaint: 'Queja de un comercio',
        'data-correction': 'Corregir datos del comercio',
        'photo-shoot': 'Sesión de fotos en el comercio',
        'merchant-follow-up': 'Seguimiento a un comercio suspendido o en riesgo',
      },
    },
  }),
  reopenWindowDays: 10,
  onboardingTasks: STANDARD_ONBOARDING,
};
