import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, rest } from '../../shared/api/client';
import { ProblemError } from '../../shared/api/problem';
import { etagOf } from '../../shared/data/etag';
import type { User } from '../../shared/data/records';
import { Field, FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import { useSession } from '../../shared/session/session';
import { useAgencies, useOrgUnits, useRoles } from './admin-data';

/** A user's name, roles, org unit and agency, saved with the version it was opened on (If-Match). */
export function UserEditForm({ user, onDone }: { user: User; onDone(): void }) {
  const { t } = useTranslation();
  const session = useSession();
  const queries = useQueryClient();
  const units = useOrgUnits();
  const roles = useRoles();
  const agencies = useAgencies(session.can('agency:read'));
  const [form, setForm] = useState({ name: user.name, orgUnitId: user.orgUnitId, agencyId: user.agencyId ?? '', roleIds: user.roleIds });
  const [problem, report, clear] = useFormProblem();
  const toggleRole = (id: string) =>
    setForm({ ...form, roleIds: form.roleIds.includes(id) ? form.roleIds.filter((held) => held !== id) : [...form.roleIds, id] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      await answerOf(
        rest.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          headers: { 'if-match': etagOf(user.version) },
          body: { name: form.name, orgUnitId: form.orgUnitId, agencyId: form.agencyId || null, roleIds: form.roleIds },
        }),
      );
      await queries.invalidateQueries({ queryKey: ['/api/v1/users'] });
      onDone();
    } catch (error) {
      if (error instanceof ProblemError && error.status === 412) report(new Error(t('records.admin.changedMeanwhile')));
      else report(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={t('records.admin.edit', { name: user.name })}>
      <h2>{t('records.admin.edit', { name: user.name })}</h2>
      <Field
        label={t('admin.name')}
        value={form.name}
        onChange={(event) => setForm({ ...form, name: event.target.value })}
        error={problem.fields.name}
      />
      <SelectField
        label={t('admin.orgUnit')}
        value={form.orgUnitId}
        onChange={(event) => setForm({ ...form, orgUnitId: event.target.value })}
        error={problem.fields.orgUnitId}
      >
        {(units.data?.items ?? []).map((unit) => (
          <option key={unit.id} value={unit.id}>
            {unit.name}
          </option>
        ))}
      </SelectField>
      {agencies.data && (
        <SelectField
          label={t('records.admin.agency')}
          value={form.agencyId}
          onChange={(event) => setForm({ ...form, agencyId: event.target.value })}
          error={problem.fields.agencyId}
        >
          <option value="">—</option>
          {agencies.data.items.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.name}
            </option>
          ))}
        </SelectField>
      )}
      <fieldset>
        <legend>{t('admin.roles')}</legend>
        {(roles.data?.items ?? []).map((role) => (
          <label key={role.id} className="check">
            <input type="checkbox" checked={form.roleIds.includes(role.id)} onChange={() => toggleRole(role.id)} /> {role.name}
          </label>
        ))}
      </fieldset>
      <FormError message={problem.message ?? problem.fields.roleIds} />
      <div className="actions">
        <button type="submit">{t('common.save')}</button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** An administrator sets a new password for someone who forgot theirs; all of that user's sessions end. */
export function PasswordResetForm({ user, onDone }: { user: User; onDone(): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [problem, report, clear] = useFormProblem();
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      await answerOf(rest.POST('/api/v1/users/{id}/password', { params: { path: { id: user.id } }, body: { newPassword: password } }));
      setDone(true);
      setPassword('');
    } catch (error) {
      report(error);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={t('records.admin.resetFor', { name: user.name })}>
      <h2>{t('records.admin.resetFor', { name: user.name })}</h2>
      <Field
        label={t('records.admin.newPassword')}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={problem.fields.newPassword}
      />
      <FormError message={problem.message} />
      <div className="actions">
        <button type="submit">{t('records.admin.setPassword')}</button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      {done && <p role="status">{t('records.admin.passwordSet', { name: user.name })}</p>}
    </form>
  );
}
