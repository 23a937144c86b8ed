import { workflow } from './workflow';

/**
 * The rep a manager assigned a lead to (not someone who assigned it to themself). SMS goes only to those who switch it
 * on: no country sends SMS by default.
 */
export const leadAssigned = workflow({
  name: 'lead-assigned',
  trigger: 'leads.lead.assigned.v1',
  severity: 'normal',
  channels: ['email', 'push', 'sms'],
  async audience(event, lookups) {
    const { ownerId, by, leadId } = event.data;
    if (ownerId === null || ownerId === by) return undefined;
    const lead = await lookups.leadName(leadId);
    return { userIds: [ownerId], facts: { leadName: lead?.name ?? leadId }, link: `/console/leads/${leadId}` };
  },
  templates: {
    en: ({ leadName }) => ({ title: `Lead "${leadName}" was assigned to you`, body: `"${leadName}" is now in your private pool.` }),
    'zh-CN': ({ leadName }) => ({ title: `线索「${leadName}」已分配给您`, body: `「${leadName}」已进入您的私海。` }),
    'pt-BR': ({ leadName }) => ({
      title: `O lead "${leadName}" foi atribuído a você`,
      body: `"${leadName}" agora está no seu pool privado.`,
    }),
    id: ({ leadName }) => ({
      title: `Prospek "${leadName}" ditugaskan kepada Anda`,
      body: `"${leadName}" sekarang ada di pool pribadi Anda.`,
    }),
  },
});
