import { workflow } from './workflow';

const HOUR = 3_600_000;

/** The holder of a lead about to return to the public pool; by email as one digest per hour. */
export const leadRecycleWarning = workflow({
  name: 'lead-recycle-warning',
  trigger: 'leads.lead.recycle-warning.v1',
  severity: 'normal',
  channels: ['email', 'push'],
  throttle: { max: 50, windowMs: HOUR },
  digest: {
    windowMs: HOUR,
    channels: ['email'],
    templates: {
      en: ({ count, lines }) => ({
        title: count === 1 ? '1 of your leads will be recycled soon' : `${count} of your leads will be recycled soon`,
        body: `Follow them up to keep them:\n${lines.map((l) => `• ${l}`).join('\n')}`,
      }),
      'zh-CN': ({ count, lines }) => ({
        title: `您有 ${count} 条线索即将被回收`,
        body: `请及时跟进以保留：\n${lines.map((l) => `• ${l}`).join('\n')}`,
      }),
      'pt-BR': ({ count, lines }) => ({
        title: `${count} dos seus leads serão reciclados em breve`,
        body: `Faça o acompanhamento para mantê-los:\n${lines.map((l) => `• ${l}`).join('\n')}`,
      }),
      id: ({ count, lines }) => ({
        title: `${count} prospek Anda akan segera didaur ulang`,
        body: `Tindak lanjuti untuk mempertahankannya:\n${lines.map((l) => `• ${l}`).join('\n')}`,
      }),
    },
  },
  async audience(event, lookups) {
    const lead = await lookups.leadName(event.data.leadId);
    return {
      userIds: [event.data.ownerId],
      facts: { leadName: lead?.name ?? event.data.leadId, until: Date.parse(event.data.protectedUntil) },
      link: `/console/leads/${event.data.leadId}`,
    };
  },
  templates: {
    en: ({ leadName, until }, f) => ({
      title: `Lead "${leadName}" will be recycled on ${f.date(until)}`,
      body: `Follow up "${leadName}" before ${f.date(until)} or it returns to the public pool.`,
      line: `${leadName} — ${f.date(until)}`,
    }),
    'zh-CN': ({ leadName, until }, f) => ({
      title: `线索「${leadName}」将于 ${f.date(until)} 被回收`,
      body: `请在 ${f.date(until)} 之前跟进「${leadName}」，否则它将回到公海。`,
      line: `${leadName} — ${f.date(until)}`,
    }),
    'pt-BR': ({ leadName, until }, f) => ({
      title: `O lead "${leadName}" será reciclado em ${f.date(until)}`,
      body: `Acompanhe "${leadName}" antes de ${f.date(until)} ou ele volta ao pool público.`,
      line: `${leadName} — ${f.date(until)}`,
    }),
    id: ({ leadName, until }, f) => ({
      title: `Prospek "${leadName}" akan didaur ulang pada ${f.date(until)}`,
      body: `Tindak lanjuti "${leadName}" sebelum ${f.date(until)} atau prospek kembali ke pool publik.`,
      line: `${leadName} — ${f.date(until)}`,
    }),
  },
});
