import type { tilesEn } from './en';

/** 仪表盘合计与外勤应用“我的业绩”（计入与未计入）的简体中文文案。 */
export const tilesZhCN: typeof tilesEn = {
  dashboard: {
    today: '今天',
    month: '本月',
    explainLink: '{{metric}}，{{period}}：{{value}}。查看计入明细',
    figuresUnavailable: '此部署尚未提供业绩数据。',
    awaitingReview: '待审核',
    rejected: '已驳回',
    openLeads: '进行中（尚未赢单或丢单）',
    closeExplain: '关闭明细',
  },
  field: {
    today: '今天',
    thisMonth: '本月',
    notCounted: '未计入的项目及原因',
    allCounted: '你本月做的一切都已计入。',
    reasons: {
      'awaiting-review': '已标记待审核：审核通过前不计入。',
      rejected: '被审核人驳回：不计入。',
      duplicate: '可能与已有线索或商户重复：不计入。',
    },
    because: '原因：{{detail}}',
    latestShown: '仅显示最近 {{count}} 条。',
  },
};
