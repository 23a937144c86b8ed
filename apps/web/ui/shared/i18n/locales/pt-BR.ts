import type { Catalogue } from './en';
import { recordsPtBR } from './records/pt-BR';

type Started<T> = { [K in keyof T]?: T[K] extends string ? string : Started<T[K]> };

/** Portuguese (Brazil): started; missing keys fall back to English. */
export const ptBR: Started<Catalogue> = {
  app: { console: 'Console FieldOps', field: 'FieldOps campo' },
  common: { loading: 'Carregando…', save: 'Salvar', cancel: 'Cancelar', language: 'Idioma', signOut: 'Sair', search: 'Buscar' },
  login: { title: 'Entrar', email: 'E-mail', password: 'Senha', submit: 'Entrar', failed: 'E-mail ou senha incorretos.' },
  nav: { dashboard: 'Painel', map: 'Mapa', merchants: 'Estabelecimentos', leads: 'Leads', areas: 'Áreas' },
  dashboard: { title: 'Painel', greeting: 'Olá, {{name}}' },
  notifications: {
    title: 'Notificações',
    bellUnread: 'Notificações, {{count}} não lidas',
    bellUnread_one: 'Notificações, {{count}} não lida',
    readAll: 'Marcar todas como lidas',
    markRead: 'Marcar como lida',
    open: 'Abrir',
    preferences: 'Configurar notificações',
    channels: { email: 'E-mail', push: 'Push', sms: 'SMS' },
  },
  field: {
    tabs: { myDay: 'Meu dia', nearby: 'Por perto', newLead: 'Novo lead', queue: 'Fila' },
    myDay: { title: 'Meu dia' },
    visit: { checkIn: 'Check-in', checkOut: 'Check-out' },
    queue: { title: 'Fila de sincronização', online: 'Online', offline: 'Offline', syncNow: 'Sincronizar agora' },
  },
  records: recordsPtBR,
};
