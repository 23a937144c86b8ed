import type { VisitTemplates } from '../country-policy';

/** Check-out questionnaires in Singapore: short, because most visits are to hawker stalls and small shops. */
export const sgVisitTemplates: VisitTemplates = {
  merchant: [
    { id: 'terminalWorking', label: 'Is the payment terminal working?', type: 'yes-no', required: true },
    { id: 'transactionsToday', label: 'Transactions so far today', type: 'number', required: false, min: 0, max: 100_000 },
    { id: 'stockOfQrStands', label: 'QR stand condition', type: 'choice', required: true, options: ['good', 'worn', 'missing'] },
  ],
  lead: [
    { id: 'decisionMakerMet', label: 'Did you meet the decision maker?', type: 'yes-no', required: true },
    { id: 'currentProvider', label: 'Current payment provider', type: 'text', required: false, maxLength: 200 },
  ],
  place: [{ id: 'isOpen', label: 'Is the place open for business?', type: 'yes-no', required: true }],
};
