import type { tilesEn } from './en';

/** النصوص العربية لمجاميع لوحة المعلومات و"أرقامي" في تطبيق الميدان. */
export const tilesAr: typeof tilesEn = {
  dashboard: {
    today: 'اليوم',
    month: 'هذا الشهر',
    explainLink: '{{metric}}، {{period}}: {{value}}. اعرض ما احتُسب',
    figuresUnavailable: 'الأرقام غير متاحة في هذا التثبيت بعد.',
    awaitingReview: 'بانتظار المراجعة',
    rejected: 'مرفوضة',
    openLeads: 'مفتوحة (لم تُكسب ولم تُفقد بعد)',
    closeExplain: 'إغلاق التفاصيل',
  },
  field: {
    today: 'اليوم',
    thisMonth: 'هذا الشهر',
    notCounted: 'ما لم يُحتسب، ولماذا',
    allCounted: 'كل ما قمت به هذا الشهر احتُسب.',
    reasons: {
      'awaiting-review': 'مُعلَّمة للمراجعة: لا تُحتسب حتى يوافق عليها مراجع.',
      rejected: 'رفضها مراجع: لا تُحتسب.',
      duplicate: 'قد تكون مكررة لعميل محتمل أو تاجر معروف مسبقًا: لا تُحتسب.',
    },
    because: 'السبب: {{detail}}',
    latestShown: 'يُعرض أحدث {{count}}.',
  },
};
