import { createHash } from 'node:crypto';
import { workflow } from './workflow';

/** A stable UUID-shaped id for an address outside the organisation: one notice per event and address. */
export function contactRecipientId(address: string): string {
  const hex = createHash('sha256').update(`contact:${address.toLowerCase()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A merchant invited to a campaign: an email to each of its contacts with an address, in the merchant's language,
 * with the signed link to answer on (no login).
 */
export const campaignInvitation = workflow({
  name: 'campaign-invitation',
  trigger: 'marketing.enrollment.invited.v1',
  severity: 'normal',
  channels: ['email'],
  async audience(event) {
    const { contacts, locale, country, campaignName, merchantName, terms, link, expiresAt } = event.data;
    const recipients = contacts.map((c) => ({ userId: contactRecipientId(c.email), email: c.email, phone: '', locale, country }));
    if (recipients.length === 0) return undefined;
    return {
      userIds: [],
      contacts: recipients,
      facts: { campaignName, merchantName, terms, link, expiresAt: Date.parse(expiresAt) },
      link,
    };
  },
  templates: {
    en: (f, format) => ({
      title: `${f.merchantName}: you are invited to ${f.campaignName}`,
      body: `${f.terms}\n\nAccept or decline by ${format.date(f.expiresAt)}: ${f.link}`,
    }),
    'zh-CN': (f, format) => ({
      title: `${f.merchantName}：诚邀您参加「${f.campaignName}」`,
      body: `${f.terms}\n\n请在${format.date(f.expiresAt)}前接受或拒绝：${f.link}`,
    }),
    'pt-BR': (f, format) => ({
      title: `${f.merchantName}: você está convidado para ${f.campaignName}`,
      body: `${f.terms}\n\nAceite ou recuse até ${format.date(f.expiresAt)}: ${f.link}`,
    }),
    id: (f, format) => ({
      title: `${f.merchantName}: Anda diundang ke ${f.campaignName}`,
      body: `${f.terms}\n\nTerima atau tolak sebelum ${format.date(f.expiresAt)}: ${f.link}`,
    }),
  },
});
