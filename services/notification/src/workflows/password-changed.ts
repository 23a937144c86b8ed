import { workflow } from './workflow';

/** A security notice: the user's password was changed. Critical, so it cannot be switched off or held back. */
export const passwordChanged = workflow({
  name: 'password-changed',
  trigger: 'account.user.password-changed.v1',
  severity: 'critical',
  channels: ['email'],
  async audience(event) {
    return { userIds: [event.data.userId], facts: {} };
  },
  templates: {
    en: () => ({
      title: 'Your FieldOps password was changed',
      body: 'If you did not change it, contact your administrator at once.',
    }),
    'zh-CN': () => ({ title: '您的 FieldOps 密码已更改', body: '如果不是您本人操作，请立即联系管理员。' }),
    'pt-BR': () => ({ title: 'Sua senha do FieldOps foi alterada', body: 'Se não foi você, fale com o administrador imediatamente.' }),
    id: () => ({ title: 'Kata sandi FieldOps Anda telah diubah', body: 'Jika bukan Anda, segera hubungi administrator.' }),
  },
});
