import type { VisitTemplates } from '../country-policy';

/** Check-out questionnaires in Thailand: PromptPay QR acceptance is checked on every merchant visit. */
export const thVisitTemplates: VisitTemplates = {
  merchant: [
    { id: 'terminalWorking', label: 'เครื่องรับชำระเงินใช้งานได้หรือไม่', type: 'yes-no', required: true },
    { id: 'acceptsPromptPay', label: 'รับชำระผ่านพร้อมเพย์หรือไม่', type: 'yes-no', required: true },
    { id: 'transactionsToday', label: 'จำนวนรายการวันนี้', type: 'number', required: false, min: 0, max: 100_000 },
  ],
  lead: [
    { id: 'decisionMakerMet', label: 'ได้พบผู้มีอำนาจตัดสินใจหรือไม่', type: 'yes-no', required: true },
    {
      id: 'currentProvider',
      label: 'ช่องทางรับชำระปัจจุบัน',
      type: 'choice',
      required: false,
      options: ['promptpay', 'truemoney', 'bank_edc', 'cash', 'other'],
    },
  ],
  place: [{ id: 'isOpen', label: 'ร้านเปิดอยู่หรือไม่', type: 'yes-no', required: true }],
};
