import { useTranslation } from 'react-i18next';
import { useClockAhead } from './device-clock';

/** Says that the phone's clock runs far ahead: the times shown are the server's, and the rep should fix the phone. */
export function ClockWarning() {
  const { t } = useTranslation();
  const ahead = useClockAhead();
  if (ahead === undefined) return null;
  const minutes = Math.round(ahead / 60_000);
  const amount =
    minutes >= 2 * 24 * 60
      ? t('fieldSync.clock.days', { count: Math.round(minutes / (24 * 60)) })
      : minutes >= 120
        ? t('fieldSync.clock.hours', { count: Math.round(minutes / 60) })
        : t('fieldSync.clock.minutes', { count: minutes });
  return (
    <p className="warning" role="alert">
      {t('fieldSync.clock.ahead', { amount })}
    </p>
  );
}
