import type { VisitTemplates } from '../country-policy';

/** Check-out questionnaires in China: the business licence on display is checked on every merchant visit. */
export const cnVisitTemplates: VisitTemplates = {
  merchant: [
    { id: 'terminalWorking', label: '收款设备是否正常', type: 'yes-no', required: true },
    { id: 'licenceDisplayed', label: '营业执照是否公示', type: 'yes-no', required: true },
    { id: 'transactionsToday', label: '今日交易笔数', type: 'number', required: false, min: 0, max: 100_000 },
  ],
  lead: [
    { id: 'decisionMakerMet', label: '是否见到负责人', type: 'yes-no', required: true },
    {
      id: 'currentProvider',
      label: '当前收款方式',
      type: 'choice',
      required: false,
      options: ['alipay', 'wechat', 'unionpay', 'cash', 'other'],
    },
  ],
  place: [{ id: 'isOpen', label: '是否营业', type: 'yes-no', required: true }],
};
