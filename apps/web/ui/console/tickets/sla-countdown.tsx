import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The current time, moving every `everyMs` while the component is shown. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** 2 h 05 min, 45 min 10 s: the two largest units. */
export function spanOf(ms: number): { h: number; m: number; s: number } {
  const total = Math.floor(Math.abs(ms) / 1000);
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}

/**
 * Time left until the ticket's first open SLA clock breaches, or how long ago it breached; live. The countdown is
 * wall-clock time to the breach instant the tickets service computed on the country's working calendar.
 */
export function SlaCountdown({ breachAt, slaStatus }: { breachAt: string | null | undefined; slaStatus: string | null | undefined }) {
  const { t } = useTranslation();
  const now = useNow();
  const status = slaStatus ?? 'none';
  if (!breachAt || status === 'paused' || status === 'met' || status === 'none') {
    return <span className={`sla sla-${status}`}>{t(`tickets.sla.${status}`, status)}</span>;
  }
  const left = Date.parse(breachAt) - now;
  const { h, m, s } = spanOf(left);
  const span =
    h > 0
      ? t('tickets.countdown.hm', { h, m: String(m).padStart(2, '0') })
      : t('tickets.countdown.ms', { m, s: String(s).padStart(2, '0') });
  const overdue = left < 0;
  return (
    <span className={`sla sla-${overdue ? 'breached' : status}`} title={breachAt}>
      {overdue ? t('tickets.countdown.overdue', { span }) : t('tickets.countdown.left', { span })}
    </span>
  );
}
