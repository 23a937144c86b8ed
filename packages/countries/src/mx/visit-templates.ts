import type { VisitTemplates } from '../country-policy';

/** Check-out questionnaires in Mexico: CoDi/SPEI transfers and the card terminal are checked on every merchant visit. */
export const mxVisitTemplates: VisitTemplates = {
  merchant: [
    { id: 'terminalWorking', label: '¿La terminal funciona?', type: 'yes-no', required: true },
    { id: 'acceptsTransfers', label: '¿Acepta transferencias SPEI o CoDi?', type: 'yes-no', required: true },
    { id: 'transactionsToday', label: 'Transacciones de hoy', type: 'number', required: false, min: 0, max: 100_000 },
  ],
  lead: [
    { id: 'decisionMakerMet', label: '¿Habló con quien decide?', type: 'yes-no', required: true },
    {
      id: 'currentProvider',
      label: 'Proveedor de cobro actual',
      type: 'choice',
      required: false,
      options: ['clip', 'mercado_pago', 'bbva', 'cash', 'other'],
    },
  ],
  place: [{ id: 'isOpen', label: '¿Está abierto el negocio?', type: 'yes-no', required: true }],
};
