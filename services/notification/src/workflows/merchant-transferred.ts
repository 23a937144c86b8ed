import { workflow } from './workflow';

/** The rep a merchant was transferred to by someone else. */
export const merchantTransferred = workflow({
  name: 'merchant-transferred',
  trigger: 'merchant.merchant.owner-transferred.v1',
  severity: 'normal',
  channels: ['email', 'push'],
  async audience(event, lookups) {
    const { ownerId, by, merchantId, reason } = event.data;
    if (ownerId === by) return undefined;
    const name = (await lookups.merchantName(merchantId)) ?? merchantId;
    return { userIds: [ownerId], facts: { name, reason }, link: `/console/merchants/${merchantId}` };
  },
  templates: {
    en: ({ name, reason }) => ({
      title: `Merchant ${name} is now yours`,
      body: reason ? `Reason: ${reason}` : `${name} was transferred to you.`,
    }),
    'zh-CN': ({ name, reason }) => ({ title: `商户「${name}」已转给您`, body: reason ? `原因：${reason}` : `「${name}」已转移给您负责。` }),
    'pt-BR': ({ name, reason }) => ({
      title: `O comerciante ${name} agora é seu`,
      body: reason ? `Motivo: ${reason}` : `${name} foi transferido para você.`,
    }),
  },
});
