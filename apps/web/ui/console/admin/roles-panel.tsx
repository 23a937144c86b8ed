import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, type BodyOf, rest } from '../../shared/api/client';
import { Field, FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { useRoles } from './admin-data';

const SCOPES = ['self', 'team', 'area', 'country', 'all'] as const;

/** The roles with their permissions and data scope; a new role can grant only what its maker holds. */
export function RolesPanel() {
  const { t } = useTranslation();
  const session = useSession();
  const queries = useQueryClient();
  const roles = useRoles();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<BodyOf<'createRole'>['scope']>('team');
  const [granted, setGranted] = useState<Set<string>>(new Set());
  const [problem, report, clear] = useFormProblem();
  const grantable = (session.me?.permissions ?? []).filter((permission) => permission !== '*').sort();
  const toggle = (permission: string) =>
    setGranted((current) => {
      const next = new Set(current);
      if (next.has(permission)) next.delete(permission);
      else next.add(permission);
      return next;
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      await answerOf(rest.POST('/api/v1/roles', { body: { name, scope, permissions: [...granted] } }));
      setName('');
      setGranted(new Set());
      await queries.invalidateQueries({ queryKey: ['/api/v1/roles'] });
    } catch (error) {
      report(error);
    }
  }

  return (
    <>
      {session.can('role:write') && (
        <form onSubmit={submit} noValidate className="inline-form" aria-label={t('admin.newRole')}>
          <h2>{t('admin.newRole')}</h2>
          <Field label={t('admin.name')} value={name} onChange={(e) => setName(e.target.value)} error={problem.fields.name} />
          <SelectField
            label={t('admin.scope')}
            value={scope}
            onChange={(e) => setScope(e.target.value as typeof scope)}
            error={problem.fields.scope}
          >
            {SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`admin.scopes.${s}`)}
              </option>
            ))}
          </SelectField>
          <fieldset>
            <legend>{t('admin.permissions')}</legend>
            {grantable.map((permission) => (
              <label key={permission} className="check">
                <input type="checkbox" checked={granted.has(permission)} onChange={() => toggle(permission)} /> <code>{permission}</code>
              </label>
            ))}
          </fieldset>
          <FormError message={problem.message ?? problem.fields.permissions} />
          <button type="submit">{t('admin.create')}</button>
        </form>
      )}
      <StatusLine loading={roles.isPending} error={roles.error} />
      <table>
        <thead>
          <tr>
            <th>{t('admin.name')}</th>
            <th>{t('admin.scope')}</th>
            <th>{t('admin.permissions')}</th>
          </tr>
        </thead>
        <tbody>
          {(roles.data?.items ?? []).map((role) => (
            <tr key={role.id}>
              <td>
                {role.name} {role.builtIn && <span className="badge">{t('admin.builtIn')}</span>}
              </td>
              <td>{t(`admin.scopes.${role.scope}`, role.scope)}</td>
              <td>
                <small>{role.permissions.join(', ')}</small>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
