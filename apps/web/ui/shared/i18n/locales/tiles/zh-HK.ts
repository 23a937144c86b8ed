import type { tilesEn } from './en';

/** 儀表板合計與外勤應用「我的業績」（計入與未計入）的繁體中文（香港）文案。 */
export const tilesZhHK: typeof tilesEn = {
  dashboard: {
    today: '今日',
    month: '本月',
    explainLink: '{{metric}}，{{period}}：{{value}}。查看計入明細',
    figuresUnavailable: '此部署尚未提供業績數據。',
    awaitingReview: '待審核',
    rejected: '已駁回',
    openLeads: '進行中（尚未贏單或失單）',
    closeExplain: '關閉明細',
  },
  field: {
    today: '今日',
    thisMonth: '本月',
    notCounted: '未計入的項目及原因',
    allCounted: '你本月做的一切都已計入。',
    reasons: {
      'awaiting-review': '已標記待審核：審核通過前不計入。',
      rejected: '被審核人駁回：不計入。',
      duplicate: '可能與已有線索或商戶重複：不計入。',
    },
    because: '原因：{{detail}}',
    latestShown: '只顯示最近 {{count}} 項。',
  },
};
