import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../../shared/api/client';
import type { User } from '../../shared/data/records';
import { usePagedList } from '../../shared/data/use-pages';
import { Field, FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import '../records/records.css';
import { useOrgUnits, useRoles } from './admin-data';
import { PasswordResetForm, UserEditForm } from './user-edit-form';

/** The users of my scope; whoever may change users also adds, edits, resets passwords and disables (never themself). */
export function UsersPanel() {
  const { t } = useTranslation();
  const session = useSession();
  const mayWrite = session.can('user:write');
  const [open, setOpen] = useState<{ user: User; form: 'edit' | 'password' } | undefined>();
  const queries = useQueryClient();
  const [q, setQ] = useState('');
  const users = usePagedList(['/api/v1/users', q.trim()], (cursor) =>
    answerOf(rest.GET('/api/v1/users', { params: { query: { limit: 100, q: q.trim() || undefined, cursor } } })),
  );
  const units = useOrgUnits();
  const roles = useRoles();
  const unitName = (id: string) => units.data?.items.find((unit) => unit.id === id)?.name ?? id;
  const roleNames = (ids: string[]) => ids.map((id) => roles.data?.items.find((role) => role.id === id)?.name ?? id).join(', ');
  const setStatus = useMutation({
    mutationFn: ({ id, status }: { id: string; status: User['status'] }) =>
      answerOf(rest.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: { status } })),
    onSettled: () => queries.invalidateQueries({ queryKey: ['/api/v1/users'] }),
  });
  return (
    <>
      {mayWrite && <NewUserForm />}
      {open?.form === 'edit' && <UserEditForm key={open.user.id} user={open.user} onDone={() => setOpen(undefined)} />}
      {open?.form === 'password' && <PasswordResetForm key={open.user.id} user={open.user} onDone={() => setOpen(undefined)} />}
      <Field label={t('common.search')} type="search" value={q} onChange={(event) => setQ(event.target.value)} />
      <StatusLine loading={users.loading} error={users.error ?? setStatus.error} />
      <table>
        <thead>
          <tr>
            <th>{t('admin.name')}</th>
            <th>{t('login.email')}</th>
            <th>{t('admin.orgUnit')}</th>
            <th>{t('admin.roles')}</th>
            <th>{t('admin.status')}</th>
            {mayWrite && <th>{t('records.area.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {users.items.map((user) => (
            <tr key={user.id}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>{unitName(user.orgUnitId)}</td>
              <td>{roleNames(user.roleIds)}</td>
              <td>{t(`records.admin.statuses.${user.status}`)}</td>
              {mayWrite && (
                <td className="row-actions">
                  <button type="button" className="secondary" onClick={() => setOpen({ user, form: 'edit' })}>
                    {t('records.admin.editShort')}
                    <span className="visually-hidden"> {user.name}</span>
                  </button>
                  {/* One's own password and status are not changed from here. */}
                  {user.id !== session.me?.user.id && (
                    <>
                      <button type="button" className="secondary" onClick={() => setOpen({ user, form: 'password' })}>
                        {t('records.admin.resetShort')}
                        <span className="visually-hidden"> {user.name}</span>
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => {
                          const disabling = user.status === 'active';
                          if (disabling && !window.confirm(t('records.admin.confirmDisable', { name: user.name }))) return;
                          setStatus.mutate({ id: user.id, status: disabling ? 'disabled' : 'active' });
                        }}
                      >
                        {user.status === 'active' ? t('admin.disable') : t('admin.enable')}
                        <span className="visually-hidden"> {user.name}</span>
                      </button>
                    </>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {users.hasMore && (
        <button type="button" className="secondary" onClick={users.loadMore}>
          {t('common.more')}
        </button>
      )}
    </>
  );
}

function NewUserForm() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const units = useOrgUnits();
  const roles = useRoles();
  const [form, setForm] = useState({ name: '', email: '', password: '', orgUnitId: '', roleId: '' });
  const [problem, report, clear] = useFormProblem();
  const [done, setDone] = useState<string | undefined>();
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    setDone(undefined);
    try {
      const { roleId, ...fields } = form;
      await answerOf(rest.POST('/api/v1/users', { body: { ...fields, roleIds: roleId ? [roleId] : [] } }));
      setDone(t('admin.userCreated', { name: form.name }));
      setForm({ name: '', email: '', password: '', orgUnitId: form.orgUnitId, roleId: form.roleId });
      await queries.invalidateQueries({ queryKey: ['/api/v1/users'] });
    } catch (error) {
      report(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={t('admin.newUser')}>
      <h2>{t('admin.newUser')}</h2>
      <Field label={t('admin.name')} value={form.name} onChange={set('name')} error={problem.fields.name} />
      <Field label={t('login.email')} type="email" value={form.email} onChange={set('email')} error={problem.fields.email} />
      <Field
        label={t('login.password')}
        type="password"
        autoComplete="new-password"
        value={form.password}
        onChange={set('password')}
        error={problem.fields.password}
      />
      <SelectField label={t('admin.orgUnit')} value={form.orgUnitId} onChange={set('orgUnitId')} error={problem.fields.orgUnitId}>
        <option value="">—</option>
        {(units.data?.items ?? []).map((unit) => (
          <option key={unit.id} value={unit.id}>
            {unit.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('admin.role')} value={form.roleId} onChange={set('roleId')} error={problem.fields.roleIds}>
        <option value="">—</option>
        {(roles.data?.items ?? []).map((role) => (
          <option key={role.id} value={role.id}>
            {role.name}
          </option>
        ))}
      </SelectField>
      <FormError message={problem.message} />
      <button type="submit">{t('admin.create')}</button>
      {done && <p role="status">{done}</p>}
    </form>
  );
}
