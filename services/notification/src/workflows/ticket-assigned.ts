import { workflow } from './workflow';

/** The person a ticket was given to, unless they took it themself. */
export const ticketAssigned = workflow({
  name: 'ticket-assigned',
  trigger: 'tickets.ticket.assigned.v1',
  severity: 'normal',
  channels: ['email', 'push'],
  async audience(event) {
    const { assigneeId, by, ticketId, title } = event.data;
    if (assigneeId === by) return undefined;
    return { userIds: [assigneeId], facts: { title }, link: `/console/tickets/${ticketId}` };
  },
  templates: {
    en: ({ title }) => ({ title: `Ticket assigned to you: ${title}`, body: `"${title}" is now yours to work on.` }),
    'zh-CN': ({ title }) => ({ title: `工单已分配给您：${title}`, body: `「${title}」现在由您处理。` }),
    'pt-BR': ({ title }) => ({ title: `Chamado atribuído a você: ${title}`, body: `"${title}" agora é seu.` }),
    id: ({ title }) => ({ title: `Tiket ditugaskan kepada Anda: ${title}`, body: `"${title}" sekarang menjadi tugas Anda.` }),
  },
});
