import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/format';

export interface SlaClockView {
  clock: string;
  status: string;
  targetMinutes: number;
  elapsedMinutes: number;
  remainingMinutes: number;
  dueAt: string | null;
  warnAt: string | null;
  breachedAt: string | null;
  intervals: { from: string; to: string; kind: string }[];
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

/**
 * Each SLA clock as the tickets service explains it: target, working minutes counted and left, and its life as a
 * strip of counted, paused and non-working stretches (widths in wall-clock time), then the same as a list.
 */
export function SlaExplanation({ clocks, timezone }: { clocks: SlaClockView[]; timezone: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const started = clocks.filter((c) => c.intervals.length > 0 || c.status !== 'idle');
  if (started.length === 0) return <p>{t('tickets.sla.noClocks')}</p>;
  return (
    <div className="sla-clocks">
      <p className="muted">{t('tickets.sla.calendar', { timezone })}</p>
      {started.map((clock) => {
        const total = clock.intervals.reduce((sum, i) => sum + minutesBetween(i.from, i.to), 0) || 1;
        return (
          <article key={clock.clock} className="sla-clock" aria-label={t(`tickets.clocks.${clock.clock}`, clock.clock)}>
            <h3>
              {t(`tickets.clocks.${clock.clock}`, clock.clock)}{' '}
              <span className={`sla sla-${clock.status}`}>{t(`tickets.clockStatus.${clock.status}`, clock.status)}</span>
            </h3>
            <p>
              {t('tickets.sla.figures', {
                elapsed: format.number(clock.elapsedMinutes),
                target: format.number(clock.targetMinutes),
                remaining: format.number(Math.max(clock.remainingMinutes, 0)),
              })}
              {clock.dueAt && ` · ${t('tickets.sla.due', { at: format.dateTime(clock.dueAt) })}`}
              {clock.breachedAt && ` · ${t('tickets.sla.breachedAt', { at: format.dateTime(clock.breachedAt) })}`}
            </p>
            <div className="sla-strip" aria-hidden="true">
              {clock.intervals.map((i) => (
                <span key={i.from} className={`sla-part sla-part-${i.kind}`} style={{ flexGrow: minutesBetween(i.from, i.to) / total }} />
              ))}
            </div>
            <table className="sla-intervals">
              <thead>
                <tr>
                  <th>{t('tickets.sla.from')}</th>
                  <th>{t('tickets.sla.to')}</th>
                  <th>{t('tickets.sla.kind')}</th>
                  <th>{t('tickets.sla.minutes')}</th>
                </tr>
              </thead>
              <tbody>
                {clock.intervals.map((i) => (
                  <tr key={i.from} className={`sla-row-${i.kind}`}>
                    <td>{format.dateTime(i.from)}</td>
                    <td>{format.dateTime(i.to)}</td>
                    <td>{t(`tickets.intervals.${i.kind}`, i.kind)}</td>
                    <td>{format.number(minutesBetween(i.from, i.to))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        );
      })}
    </div>
  );
}
