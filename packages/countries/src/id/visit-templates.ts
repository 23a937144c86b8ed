import type { VisitTemplates } from '../country-policy';

/** Check-out questionnaires in Indonesia: QRIS acceptance is the first thing a rep checks. */
export const idVisitTemplates: VisitTemplates = {
  merchant: [
    { id: 'terminalWorking', label: 'Apakah mesin pembayaran berfungsi?', type: 'yes-no', required: true },
    { id: 'qrisDisplayed', label: 'Apakah QRIS dipajang?', type: 'yes-no', required: true },
    { id: 'transactionsToday', label: 'Jumlah transaksi hari ini', type: 'number', required: false, min: 0, max: 100_000 },
  ],
  lead: [
    { id: 'decisionMakerMet', label: 'Bertemu pemilik?', type: 'yes-no', required: true },
    { id: 'currentProvider', label: 'Penyedia pembayaran saat ini', type: 'text', required: false, maxLength: 200 },
  ],
  place: [{ id: 'isOpen', label: 'Apakah tempat ini buka?', type: 'yes-no', required: true }],
};
