import type { VisitTemplates } from '../country-policy';

/** Check-out questionnaires in Hong Kong: Octopus and FPS acceptance are checked on every merchant visit. */
export const hkVisitTemplates: VisitTemplates = {
  merchant: [
    { id: 'terminalWorking', label: '收款裝置是否正常', type: 'yes-no', required: true },
    { id: 'acceptsOctopus', label: '是否接受八達通', type: 'yes-no', required: true },
    { id: 'acceptsFps', label: '是否接受轉數快', type: 'yes-no', required: false },
    { id: 'transactionsToday', label: '今日交易宗數', type: 'number', required: false, min: 0, max: 100_000 },
  ],
  lead: [
    { id: 'decisionMakerMet', label: '是否見到負責人', type: 'yes-no', required: true },
    {
      id: 'currentProvider',
      label: '現時收款方式',
      type: 'choice',
      required: false,
      options: ['octopus', 'fps', 'alipayhk', 'payme', 'cash', 'other'],
    },
  ],
  place: [{ id: 'isOpen', label: '是否營業', type: 'yes-no', required: true }],
};
