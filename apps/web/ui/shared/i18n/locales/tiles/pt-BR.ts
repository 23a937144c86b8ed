import type { tilesEn } from './en';

/** Textos em português do Brasil dos totais do painel e de "Meus números" no app de campo. */
export const tilesPtBR: typeof tilesEn = {
  dashboard: {
    today: 'Hoje',
    month: 'Este mês',
    explainLink: '{{metric}}, {{period}}: {{value}}. Mostrar o que contou',
    figuresUnavailable: 'Os números ainda não estão disponíveis nesta instalação.',
    awaitingReview: 'Aguardando revisão',
    rejected: 'Rejeitadas',
    openLeads: 'Em aberto (nem ganhos nem perdidos)',
    closeExplain: 'Fechar os fatos',
  },
  field: {
    today: 'Hoje',
    thisMonth: 'Este mês',
    notCounted: 'O que não contou, e por quê',
    allCounted: 'Tudo o que você fez este mês contou.',
    reasons: {
      'awaiting-review': 'Sinalizada para revisão: não conta até um revisor aprovar.',
      rejected: 'Rejeitada por um revisor: não conta.',
      duplicate: 'Possível duplicata de um lead ou estabelecimento já conhecido: não conta.',
    },
    because: 'Motivo: {{detail}}',
    latestShown: 'Mostrando os {{count}} mais recentes.',
  },
};
