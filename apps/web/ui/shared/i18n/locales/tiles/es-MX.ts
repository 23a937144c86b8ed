import type { tilesEn } from './en';

/** Textos en español de México de los totales del tablero y de "Mis cifras" en la app de campo. */
export const tilesEsMX: typeof tilesEn = {
  dashboard: {
    today: 'Hoy',
    month: 'Este mes',
    explainLink: '{{metric}}, {{period}}: {{value}}. Ver qué contó',
    figuresUnavailable: 'Las cifras aún no están disponibles en esta instalación.',
    awaitingReview: 'En espera de revisión',
    rejected: 'Rechazadas',
    openLeads: 'Abiertos (ni ganados ni perdidos)',
    closeExplain: 'Cerrar el detalle',
  },
  field: {
    today: 'Hoy',
    thisMonth: 'Este mes',
    notCounted: 'Lo que no contó, y por qué',
    allCounted: 'Todo lo que hiciste este mes contó.',
    reasons: {
      'awaiting-review': 'Marcada para revisión: no cuenta hasta que un revisor la apruebe.',
      rejected: 'Rechazada por un revisor: no cuenta.',
      duplicate: 'Posible duplicado de un prospecto o comercio ya conocido: no cuenta.',
    },
    because: 'Motivo: {{detail}}',
    latestShown: 'Se muestran los {{count}} más recientes.',
  },
};
