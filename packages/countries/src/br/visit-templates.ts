import type { VisitTemplates } from '../country-policy';

/** Check-out questionnaires in Brazil: Pix acceptance and the card machine are checked on every merchant visit. */
export const brVisitTemplates: VisitTemplates = {
  merchant: [
    { id: 'terminalWorking', label: 'A maquininha está funcionando?', type: 'yes-no', required: true },
    { id: 'acceptsPix', label: 'Aceita Pix?', type: 'yes-no', required: true },
    { id: 'transactionsToday', label: 'Transações hoje', type: 'number', required: false, min: 0, max: 100_000 },
  ],
  lead: [
    { id: 'decisionMakerMet', label: 'Falou com o responsável?', type: 'yes-no', required: true },
    {
      id: 'currentProvider',
      label: 'Adquirente atual',
      type: 'choice',
      required: false,
      options: ['cielo', 'stone', 'rede', 'getnet', 'other'],
    },
  ],
  place: [{ id: 'isOpen', label: 'O local está aberto?', type: 'yes-no', required: true }],
};
