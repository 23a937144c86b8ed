import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Problem } from '../../shared/api/problem';
import { problemIn } from '../../shared/api/problem-words';
import { DuplicateWarning } from '../new-lead/duplicate-warning';
import { duplicatesOf } from '../new-lead/new-lead-page';
import { type OutboxEntry, outbox } from '../offline/outbox';
import { retry } from '../offline/sync-outbox';
import { ticketRefusal } from '../tickets/ticket-refusal';
import { openVisitStore } from '../visit/open-visit';

const isProblem = (value: unknown): value is Problem => typeof value === 'object' && value !== null && 'status' in value;

/** Why the server refused a queued write, in the rep's words, and the ways out: edit and send again, retry, or discard. */
export function RefusedEntry({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problem = isProblem(entry.conflict) ? entry.conflict : undefined;
  const duplicates = entry.kind === 'lead' && entry.state === 'conflict' ? duplicatesOf(entry.conflict) : undefined;
  const question = (leaf: string) =>
    t(`fieldSync.questions.${leaf}`, { defaultValue: t(`fieldSync.fieldNames.${leaf}`, { defaultValue: leaf }) });
  const reason = !problem ? entry.error : entry.kind === 'ticket-completion' ? ticketRefusal(t, problem) : problemIn(t, problem, question);

  // Editing takes the write out of the queue: the form it goes back to sends (or queues) it again.
  async function edit() {
    if (entry.kind === 'lead') {
      const { name, category, phone, address } = entry.body;
      await outbox.remove(entry.id);
      navigate(`/new-lead?${new URLSearchParams({ name, category, phone: phone ?? '', address: address ?? '' })}`);
    } else if (entry.kind === 'check-out' && entry.target) {
      openVisitStore.write({
        id: entry.visitId,
        targetType: entry.target.type,
        targetId: entry.target.id,
        targetName: entry.title,
        checkedInAt: entry.target.checkedInAt,
      });
      await outbox.remove(entry.id);
      navigate(`/visit/${entry.target.type}/${entry.target.id}?${new URLSearchParams({ name: entry.title })}`);
    }
  }
  const editable = entry.kind === 'lead' || (entry.kind === 'check-out' && entry.target !== undefined);
  return (
    <>
      {reason && (
        <p className="field-error" role="alert">
          {t('fieldSync.refused.reason', { reason })}
        </p>
      )}
      {duplicates && <DuplicateWarning candidates={duplicates} onClaimed={() => void outbox.remove(entry.id)} />}
      <div className="actions">
        {editable && (
          <button type="button" onClick={() => void edit()}>
            {t('fieldSync.refused.edit')}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => void retry(entry)}>
          {t('fieldSync.refused.retry')}
        </button>
        <button type="button" className="secondary" onClick={() => void outbox.remove(entry.id)}>
          {t('field.queue.discard')}
        </button>
      </div>
    </>
  );
}
