import { workflow } from './workflow';

/** The rep whose flagged visit a supervisor approved or rejected. */
export const visitReviewed = workflow({
  name: 'visit-reviewed',
  trigger: 'checkin.visit.reviewed.v1',
  severity: 'normal',
  channels: ['email', 'push'],
  async audience(event) {
    const { visit, decision, reason } = event.data;
    return {
      userIds: [visit.repId],
      facts: { target: visit.targetName, approved: decision === 'approve', reason },
      link: `/field/visits/${visit.id}`,
    };
  },
  templates: {
    en: ({ target, approved, reason }) => ({
      title: approved ? `Your visit to ${target} was approved` : `Your visit to ${target} was rejected`,
      body: reason ? `Reviewer's note: ${reason}` : approved ? 'It counts.' : 'It does not count.',
    }),
    'zh-CN': ({ target, approved, reason }) => ({
      title: approved ? `您对「${target}」的拜访已通过审核` : `您对「${target}」的拜访未通过审核`,
      body: reason ? `审核意见：${reason}` : approved ? '该拜访有效。' : '该拜访无效。',
    }),
    'pt-BR': ({ target, approved, reason }) => ({
      title: approved ? `Sua visita a ${target} foi aprovada` : `Sua visita a ${target} foi rejeitada`,
      body: reason ? `Nota do revisor: ${reason}` : approved ? 'Ela conta.' : 'Ela não conta.',
    }),
  },
});
