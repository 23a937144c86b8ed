import type { SLA_CLOCK_NAMES } from '@fieldops/contracts';
import type { Formatting, Rendered } from './workflow';
import { workflow } from './workflow';

// The SLA events name who is to be told (the tickets service resolves team leads and city managers when the action
// fires), so these workflows only word the notice. A breach and an escalation are critical: quiet hours and
// preferences do not hold them back.

type SlaClockName = (typeof SLA_CLOCK_NAMES)[number];
type ClockFacts = { title: string; clock: SlaClockName; dueAt: number | null; level?: number };

const CLOCK_WORDS: Record<'en' | 'zh-CN' | 'pt-BR' | 'id', Record<SlaClockName, string>> = {
  en: { firstResponse: 'first response', nextResponse: 'next response', resolution: 'resolution' },
  'zh-CN': { firstResponse: '首次响应', nextResponse: '下次响应', resolution: '解决' },
  'pt-BR': { firstResponse: 'primeira resposta', nextResponse: 'próxima resposta', resolution: 'resolução' },
  id: { firstResponse: 'respons pertama', nextResponse: 'respons berikutnya', resolution: 'penyelesaian' },
};

const due = (facts: ClockFacts, format: Formatting) => (facts.dueAt === null ? '' : format.date(facts.dueAt));

const facts = (data: { title: string; clock: SlaClockName; dueAt: string | null }, level?: number): ClockFacts => ({
  title: data.title,
  clock: data.clock,
  dueAt: data.dueAt === null ? null : Date.parse(data.dueAt),
  ...(level === undefined ? {} : { level }),
});

export const ticketSlaWarned = workflow({
  name: 'ticket-sla-warning',
  trigger: 'tickets.ticket.sla-warned.v1',
  severity: 'normal',
  channels: ['email', 'push'],
  async audience(event) {
    if (event.data.notify.length === 0) return undefined;
    return { userIds: event.data.notify, facts: facts(event.data), link: `/console/tickets/${event.data.ticketId}` };
  },
  templates: {
    en: (f, format): Rendered => ({
      title: `SLA due soon: ${f.title}`,
      body: `The ${CLOCK_WORDS.en[f.clock]} target is due ${due(f, format)}.`,
    }),
    'zh-CN': (f, format) => ({ title: `SLA 即将到期：${f.title}`, body: `${CLOCK_WORDS['zh-CN'][f.clock]}时限为 ${due(f, format)}。` }),
    'pt-BR': (f, format) => ({
      title: `SLA vence em breve: ${f.title}`,
      body: `O prazo de ${CLOCK_WORDS['pt-BR'][f.clock]} vence em ${due(f, format)}.`,
    }),
    id: (f, format) => ({
      title: `SLA segera jatuh tempo: ${f.title}`,
      body: `Target ${CLOCK_WORDS.id[f.clock]} jatuh tempo ${due(f, format)}.`,
    }),
  },
});

export const ticketSlaBreached = workflow({
  name: 'ticket-sla-breached',
  trigger: 'tickets.ticket.sla-breached.v1',
  severity: 'critical',
  channels: ['email', 'push'],
  async audience(event) {
    if (event.data.notify.length === 0) return undefined;
    return { userIds: event.data.notify, facts: facts(event.data), link: `/console/tickets/${event.data.ticketId}` };
  },
  templates: {
    en: (f, format) => ({ title: `SLA breached: ${f.title}`, body: `The ${CLOCK_WORDS.en[f.clock]} target passed at ${due(f, format)}.` }),
    'zh-CN': (f, format) => ({
      title: `SLA 已超时：${f.title}`,
      body: `${CLOCK_WORDS['zh-CN'][f.clock]}时限已于 ${due(f, format)} 超过。`,
    }),
    'pt-BR': (f, format) => ({
      title: `SLA violado: ${f.title}`,
      body: `O prazo de ${CLOCK_WORDS['pt-BR'][f.clock]} passou em ${due(f, format)}.`,
    }),
    id: (f, format) => ({
      title: `SLA terlampaui: ${f.title}`,
      body: `Target ${CLOCK_WORDS.id[f.clock]} terlewati pada ${due(f, format)}.`,
    }),
  },
});

export const ticketEscalated = workflow({
  name: 'ticket-escalated',
  trigger: 'tickets.ticket.escalated.v1',
  severity: 'critical',
  channels: ['email', 'push'],
  async audience(event) {
    if (event.data.notify.length === 0) return undefined;
    return { userIds: event.data.notify, facts: facts(event.data, event.data.level), link: `/console/tickets/${event.data.ticketId}` };
  },
  templates: {
    en: (f, format) => ({
      title: `Escalated to you (level ${f.level}): ${f.title}`,
      body: `The ${CLOCK_WORDS.en[f.clock]} target passed at ${due(f, format)} and the ticket is still open.`,
    }),
    'zh-CN': (f, format) => ({
      title: `工单已升级给您（第 ${f.level} 级）：${f.title}`,
      body: `${CLOCK_WORDS['zh-CN'][f.clock]}时限已于 ${due(f, format)} 超过，工单仍未处理完毕。`,
    }),
    'pt-BR': (f, format) => ({
      title: `Escalado para você (nível ${f.level}): ${f.title}`,
      body: `O prazo de ${CLOCK_WORDS['pt-BR'][f.clock]} passou em ${due(f, format)} e o chamado continua aberto.`,
    }),
    id: (f, format) => ({
      title: `Dieskalasi kepada Anda (level ${f.level}): ${f.title}`,
      body: `Target ${CLOCK_WORDS.id[f.clock]} terlewati pada ${due(f, format)} dan tiket masih terbuka.`,
    }),
  },
});
