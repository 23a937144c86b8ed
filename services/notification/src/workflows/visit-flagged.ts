import { workflow } from './workflow';

/**
 * The managers of the area where a visit was flagged for review. (Its rep's team lead would be the first choice; the
 * account service has no RPC yet that names a team's lead, so the area's managers are told.)
 */
export const visitFlagged = workflow({
  name: 'visit-flagged',
  trigger: 'checkin.visit.flagged.v1',
  severity: 'normal',
  channels: ['email', 'push'],
  async audience(event, lookups) {
    const visit = event.data;
    const managers = (await lookups.areaManagers({ lat: visit.lat, lng: visit.lng })).filter((id) => id !== visit.repId);
    if (managers.length === 0) return undefined;
    return {
      userIds: managers,
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
