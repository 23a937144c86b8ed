import type { VisitTemplates } from '../country-policy';

/** Check-out questionnaires in Saudi Arabia: the VAT certificate on display and mada card acceptance are checked. */
export const saVisitTemplates: VisitTemplates = {
  merchant: [
    { id: 'terminalWorking', label: 'هل جهاز نقاط البيع يعمل؟', type: 'yes-no', required: true },
    { id: 'acceptsMada', label: 'هل يقبل بطاقات مدى؟', type: 'yes-no', required: true },
    { id: 'vatCertificateDisplayed', label: 'هل شهادة التسجيل في ضريبة القيمة المضافة معروضة؟', type: 'yes-no', required: true },
    { id: 'transactionsToday', label: 'عدد العمليات اليوم', type: 'number', required: false, min: 0, max: 100_000 },
  ],
  lead: [
    { id: 'decisionMakerMet', label: 'هل قابلت صاحب القرار؟', type: 'yes-no', required: true },
    {
      id: 'currentProvider',
      label: 'مزود الدفع الحالي',
      type: 'choice',
      required: false,
      options: ['mada', 'stc_pay', 'geidea', 'cash', 'other'],
    },
  ],
  place: [{ id: 'isOpen', label: 'هل المحل مفتوح؟', type: 'yes-no', required: true }],
};
