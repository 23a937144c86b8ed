import { workflow } from './workflow';

/** The rep whose lead went back to the public pool when its protection ended. */
export const leadRecycled = workflow({
  name: 'lead-recycled',
  trigger: 'leads.lead.recycled.v1',
  severity: 'normal',
  channels: ['email', 'push'],
  async audience(event, lookups) {
    const { previousOwnerId, leadId } = event.data;
    if (previousOwnerId === null) return undefined;
    const lead = await lookups.leadName(leadId);
    return { userIds: [previousOwnerId], facts: { leadName: lead?.name ?? leadId }, link: `/console/leads/${leadId}` };
  },
  templates: {
    en: ({ leadName }) => ({
      title: `Lead "${leadName}" was recycled`,
      body: `"${leadName}" was not followed up in time and is back in the public pool.`,
    }),
    'zh-CN': ({ leadName }) => ({ title: `线索「${leadName}」已被回收`, body: `「${leadName}」未及时跟进，已回到公海。` }),
    'pt-BR': ({ leadName }) => ({
      title: `O lead "${leadName}" foi reciclado`,
      body: `"${leadName}" não foi acompanhado a tempo e voltou ao pool público.`,
    }),
  },
});
