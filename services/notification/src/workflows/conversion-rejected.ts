import { workflow } from './workflow';

/** The holder of a lead whose conversion into a merchant the merchant service refused. */
export const conversionRejected = workflow({
  name: 'conversion-rejected',
  trigger: 'merchant.conversion.rejected.v1',
  severity: 'normal',
  channels: ['email', 'push'],
  async audience(event, lookups) {
    const { leadId, reasons } = event.data;
    const lead = await lookups.leadName(leadId);
    if (!lead?.ownerId) return undefined;
    return { userIds: [lead.ownerId], facts: { leadName: lead.name, reasons: reasons.join('; ') }, link: `/console/leads/${leadId}` };
  },
  templates: {
    en: ({ leadName, reasons }) => ({ title: `Conversion of "${leadName}" was rejected`, body: `Fix and try again: ${reasons}` }),
    'zh-CN': ({ leadName, reasons }) => ({ title: `线索「${leadName}」转化被拒绝`, body: `请修正后重试：${reasons}` }),
    'pt-BR': ({ leadName, reasons }) => ({
      title: `A conversão de "${leadName}" foi rejeitada`,
      body: `Corrija e tente novamente: ${reasons}`,
    }),
  },
});
