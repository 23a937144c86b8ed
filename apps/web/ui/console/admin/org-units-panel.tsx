import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answerOf, type BodyOf, rest } from '../../shared/api/client';
import { Field, FormError, SelectField } from '../../shared/forms/field';
import { useFormProblem } from '../../shared/forms/use-problem';
import { useSession } from '../../shared/session/session';
import { StatusLine } from '../../shared/status-line';
import { type OrgUnit, useOrgUnits } from './admin-data';

const KINDS = ['country', 'city', 'team'] as const;

/** Units listed under their parents, with a form to add one. */
export function OrgUnitsPanel() {
  const { t } = useTranslation();
  const session = useSession();
  const queries = useQueryClient();
  const units = useOrgUnits();
  const [form, setForm] = useState({ name: '', kind: 'team' as BodyOf<'createOrgUnit'>['kind'], parentId: '' });
  const [problem, report, clear] = useFormProblem();
  const items = units.data?.items ?? [];
  const ordered = treeOrder(items);

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    try {
      await answerOf(rest.POST('/api/v1/org-units', { body: { name: form.name, kind: form.kind, parentId: form.parentId || null } }));
      setForm({ ...form, name: '' });
      await queries.invalidateQueries({ queryKey: ['/api/v1/org-units'] });
    } catch (error) {
      report(error);
    }
  }

  return (
    <>
      {session.can('org:write') && (
        <form onSubmit={submit} noValidate className="inline-form" aria-label={t('admin.newOrgUnit')}>
          <h2>{t('admin.newOrgUnit')}</h2>
          <Field
            label={t('admin.name')}
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
            error={problem.fields.name}
          />
          <SelectField
            label={t('admin.kind')}
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value as typeof form.kind })}
            error={problem.fields.kind}
          >
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`admin.kinds.${kind}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('admin.parent')}
            value={form.parentId}
            onChange={(e) => setForm({ ...form, parentId: e.target.value })}
            error={problem.fields.parentId}
          >
            <option value="">—</option>
            {items.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
          </SelectField>
          <FormError message={problem.message} />
          <button type="submit">{t('admin.create')}</button>
        </form>
      )}
      <StatusLine loading={units.isPending} error={units.error} />
      <ul className="tree">
        {ordered.map(({ unit, depth }) => (
          <li key={unit.id} style={{ paddingLeft: `${depth * 1.2}rem` }}>
            {unit.name} <span className="badge">{t(`admin.kinds.${unit.kind}`)}</span> <small>{unit.country}</small>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Depth-first: each unit followed by its children, so indentation shows the tree. */
function treeOrder(units: OrgUnit[]): { unit: OrgUnit; depth: number }[] {
  const ids = new Set(units.map((unit) => unit.id));
  const childrenOf = (parentId: string | null) =>
    units.filter((unit) => (unit.parentId && ids.has(unit.parentId) ? unit.parentId : null) === parentId);
  const walk = (parentId: string | null, depth: number): { unit: OrgUnit; depth: number }[] =>
    childrenOf(parentId).flatMap((unit) => [{ unit, depth }, ...walk(unit.id, depth + 1)]);
  return walk(null, 0);
}
