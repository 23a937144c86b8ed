import { useTranslation } from 'react-i18next';
import type { Answer } from '../api/client';

type RiskSignal = Answer<'getVisit'>['riskSignals'][number];

/**
 * Why a visit was flagged, as sentences in the reader's language: the check-in service's codes are the contract,
 * its English detail (with file ids) stays out of the sentence and is kept for a hover.
 */
export function RiskSignals({ signals, distanceM }: { signals: RiskSignal[]; distanceM: number }) {
  const { t } = useTranslation();
  if (signals.length === 0) return <p>{t('records.signals.none')}</p>;
  return (
    <ul className="risk-signals">
      {signals.map((signal) => (
        <li key={signal.code} title={signal.detail}>
          <strong>
            {t(`records.signals.${signal.code}`, { defaultValue: t('records.signals.unknown'), distance: Math.round(distanceM) })}
          </strong>{' '}
          <span className="muted">{t('records.signals.weight', { weight: signal.weight })}</span>
        </li>
      ))}
    </ul>
  );
}
