import type { TermsLocale } from './terms';

/** The merchant-facing invitation page's words, per locale. */
export interface PageText {
  title: (campaign: string) => string;
  greeting: (merchant: string) => string;
  terms: string;
  accept: string;
  decline: string;
  accepted: string;
  declined: string;
  expired: string;
  invalid: string;
  full: string;
  closed: string;
}

export const PAGE_TEXT: Record<TermsLocale, PageText> = {
  en: {
    title: (c) => `Invitation: ${c}`,
    greeting: (m) => `${m}, you are invited to take part.`,
    terms: 'Terms',
    accept: 'Accept',
    decline: 'Decline',
    accepted: 'Thank you: you have joined the campaign.',
    declined: 'You have declined the invitation.',
    expired: 'This invitation has expired.',
    invalid: 'This link is not valid.',
    full: 'Sorry, the campaign is full.',
    closed: 'This campaign no longer takes answers.',
  },
  'zh-CN': {
    title: (c) => `活动邀请：${c}`,
    greeting: (m) => `${m}，诚邀您参加本次活动。`,
    terms: '活动条款',
    accept: '接受',
    decline: '拒绝',
    accepted: '感谢您：您已成功参加活动。',
    declined: '您已拒绝本次邀请。',
    expired: '此邀请已过期。',
    invalid: '此链接无效。',
    full: '抱歉，活动名额已满。',
    closed: '此活动已不再接受回复。',
  },
  'pt-BR': {
    title: (c) => `Convite: ${c}`,
    greeting: (m) => `${m}, você está convidado a participar.`,
    terms: 'Termos',
    accept: 'Aceitar',
    decline: 'Recusar',
    accepted: 'Obrigado: você entrou na campanha.',
    declined: 'Você recusou o convite.',
    expired: 'Este convite expirou.',
    invalid: 'Este link não é válido.',
    full: 'Desculpe, a campanha está lotada.',
    closed: 'Esta campanha não aceita mais respostas.',
  },
  id: {
    title: (c) => `Undangan: ${c}`,
    greeting: (m) => `${m}, Anda diundang untuk ikut serta.`,
    terms: 'Syarat dan ketentuan',
    accept: 'Terima',
    decline: 'Tolak',
    accepted: 'Terima kasih: Anda telah bergabung dengan kampanye.',
    declined: 'Anda telah menolak undangan ini.',
    expired: 'Undangan ini sudah kedaluwarsa.',
    invalid: 'Tautan ini tidak valid.',
    full: 'Maaf, kampanye sudah penuh.',
    closed: 'Kampanye ini tidak lagi menerima jawaban.',
  },
};
