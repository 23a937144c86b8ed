import { workflow } from './workflow';

/**
 * The team lead of the rep whose visit was flagged for review: they review their team's visits. Where no unit above
 * the rep has a leader (an organisation not set up yet), the managers of the visit's area are told instead.
 */
export const visitFlagged = workflow({
  name: 'visit-flagged',
  trigger: 'checkin.visit.flagged.v1',
  severity: 'normal',
  channels: ['email', 'push'],
  async audience(event, lookups) {
    const visit = event.data;
    const leads = await lookups.teamLeads(visit.repId);
    const reviewers = leads.length > 0 ? leads : await lookups.areaManagers({ lat: visit.lat, lng: visit.lng });
    const userIds = reviewers.filter((id) => id !== visit.repId);
    if (userIds.length === 0) return undefined;
    return {
      userIds,
      facts: { target: visit.targetName, score: Math.round(visit.riskScore) },
      link: `/console/visits/${visit.id}`,
    };
  },
  templates: {
    en: ({ target, score }) => ({
      title: `A visit to ${target} needs review`,
      body: `Risk score ${score}: review the visit in the queue.`,
    }),
    'zh-CN': ({ target, score }) => ({ title: `拜访「${target}」需要审核`, body: `风险分 ${score}：请在审核队列中处理。` }),
    'pt-BR': ({ target, score }) => ({
      title: `Uma visita a ${target} precisa de revisão`,
      body: `Pontuação de risco ${score}: revise a visita na fila.`,
    }),
  },
});
