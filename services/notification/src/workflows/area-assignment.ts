import { workflow } from './workflow';

const ROLE = {
  en: { primary: 'primary rep', backup: 'backup rep', manager: 'manager' },
  'zh-CN': { primary: '主负责人', backup: '备份负责人', manager: '经理' },
} as const;

/** A user newly assigned to an area. */
export const areaAssigned = workflow({
  name: 'area-assigned',
  trigger: 'area.assignment.created.v1',
  severity: 'normal',
  channels: ['email', 'push'],
  async audience(event, lookups) {
    const { userId, areaId, role } = event.data;
    const areaName = (await lookups.areaName(areaId)) ?? areaId;
    return { userIds: [userId], facts: { areaName, role }, link: `/console/areas/${areaId}` };
  },
  templates: {
    en: ({ areaName, role }) => ({ title: `You were assigned to ${areaName}`, body: `You are now its ${ROLE.en[role]}.` }),
    'zh-CN': ({ areaName, role }) => ({ title: `您已被分配到区域「${areaName}」`, body: `您现在是该区域的${ROLE['zh-CN'][role]}。` }),
    'pt-BR': ({ areaName }) => ({ title: `Você foi atribuído a ${areaName}`, body: 'Confira a área no console.' }),
  },
});

/** A user whose assignment to an area ended. */
export const areaUnassigned = workflow({
  name: 'area-unassigned',
  trigger: 'area.assignment.ended.v1',
  severity: 'normal',
  channels: ['email', 'push'],
  async audience(event, lookups) {
    const { userId, areaId } = event.data;
    const areaName = (await lookups.areaName(areaId)) ?? areaId;
    return { userIds: [userId], facts: { areaName }, link: `/console/areas/${areaId}` };
  },
  templates: {
    en: ({ areaName }) => ({ title: `Your assignment to ${areaName} ended`, body: `You no longer cover ${areaName}.` }),
    'zh-CN': ({ areaName }) => ({ title: `您在区域「${areaName}」的分配已结束`, body: `您不再负责「${areaName}」。` }),
  },
});
