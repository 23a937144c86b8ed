import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { useFormat } from '../../shared/i18n/format';
import { useOutbox } from '../offline/use-outbox';
import { type OpenVisit, openVisitStore } from './open-visit';

const DISMISSED = 'fieldops.dismissedOpenVisits';
const dismissed = (): string[] => JSON.parse(localStorage.getItem(DISMISSED) ?? '[]') as string[];
export const OPEN_VISITS_KEY = ['visits', 'open', 'mine'] as const;

/**
 * My visit the server holds open and this phone does not: checked in on another phone, from an older copy of the
 * app, or before a crash. Not one this phone knows (its own open visit, or one whose check-out waits in the queue),
 * nor one the rep chose to leave.
 */
export function useServerOpenVisit(): { visit: OpenVisit | undefined; dismiss(id: string): void } {
  const { entries } = useOutbox();
  const [left, setLeft] = useState(dismissed);
  const open = useQuery({
    queryKey: OPEN_VISITS_KEY,
    queryFn: () => answerOf(rest.GET('/api/v1/visits', { params: { query: { state: 'open', mine: true, limit: 20, coords: 'WGS84' } } })),
  });
  const local = openVisitStore.read()?.id;
  const queued = new Set(entries.flatMap((entry) => (entry.kind === 'check-out' ? [entry.visitId] : [])));
  const found = (open.data?.items ?? []).filter((v) => v.id !== local && !queued.has(v.id) && !left.includes(v.id)).at(-1);
  const visit = found && {
    id: found.id,
    targetType: found.targetType,
    targetId: found.targetId,
    targetName: found.targetName,
    checkedInAt: found.checkedInAt,
  };
  return {
    visit,
    dismiss(id) {
      const kept = [...dismissed(), id].slice(-50);
      localStorage.setItem(DISMISSED, JSON.stringify(kept));
      setLeft(kept);
    },
  };
}

/** Where a visit is checked out: its target's visit screen. */
const visitScreenOf = (visit: OpenVisit) =>
  `/visit/${visit.targetType}/${visit.targetId}?${new URLSearchParams({ name: visit.targetName })}`;

/**
 * A visit open on the server, said as such, with the two ways on: continue it (check out here) or discard it from
 * this phone (it stays unfinished on the server, where the manager sees it). `here` is the target of the current screen.
 */
export function ServerOpenVisit({
  visit,
  here,
  onContinue,
  onDiscard,
}: {
  visit: OpenVisit;
  here?: string;
  onContinue?(): void;
  onDiscard(): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const atThisStop = visit.targetId === here;
  const keep = () => {
    openVisitStore.write(visit);
    onContinue?.();
  };
  return (
    <div className="warning" role="alert" aria-label={t('fieldSync.openVisit.title')}>
      <p>
        {atThisStop
          ? t('fieldSync.openVisit.here', { time: format.dateTime(visit.checkedInAt) })
          : t(here === undefined ? 'fieldSync.openVisit.pending' : 'fieldSync.openVisit.elsewhere', {
              name: visit.targetName,
              time: format.dateTime(visit.checkedInAt),
            })}
      </p>
      <p className="muted">{t('fieldSync.openVisit.discardHint')}</p>
      <div className="actions">
        {atThisStop ? (
          <button type="button" onClick={keep}>
            {t('fieldSync.openVisit.continue')}
          </button>
        ) : (
          <Link className="button" to={visitScreenOf(visit)} onClick={keep}>
            {t('records.field.continue', { name: visit.targetName })}
          </Link>
        )}
        <button
          type="button"
          className="secondary"
          onClick={() => {
            onDiscard();
            void queryClient.invalidateQueries({ queryKey: OPEN_VISITS_KEY });
          }}
        >
          {t('records.field.discard')}
        </button>
      </div>
    </div>
  );
}

/** On the day's screen: a visit left open on the server is the first thing the rep sees. */
export function ServerOpenVisitNotice() {
  const { visit, dismiss } = useServerOpenVisit();
  if (!visit) return null;
  return <ServerOpenVisit visit={visit} onDiscard={() => dismiss(visit.id)} />;
}
