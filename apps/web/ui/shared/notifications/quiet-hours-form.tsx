import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, answerOf, type BodyOf, rest } from '../api/client';
import { Field, FormError, SelectField } from '../forms/field';
import { useFormProblem } from '../forms/use-problem';

type Preferences = Answer<'getNotificationPreferences'>;

/** This browser's own zone, offered next to the countries' zones (a rep working abroad). */
function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The short list of the select: the countries' zones, this browser's, and the one already chosen. */
function zoneChoices(preferences: Preferences): string[] {
  const zones = new Set(preferences.timeZones);
  for (const zone of [browserTimeZone(), preferences.quietHoursOverride.timeZone]) if (zone) zones.add(zone);
  return [...zones].sort();
}

/**
 * The user's own quiet hours and time zone over their country's: "Use my country's default" keeps the country's
 * window; an empty zone keeps the country's zone. Saved with one button, so typing a time sends nothing half-done.
 */
export function QuietHoursForm({ preferences, queryKey }: { preferences: Preferences; queryKey: readonly string[] }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const override = preferences.quietHoursOverride;
  const country = preferences.countryQuietHours;
  const [useDefault, setUseDefault] = useState(override.quietHours === null);
  const [start, setStart] = useState(override.quietHours?.start ?? country.start);
  const [end, setEnd] = useState(override.quietHours?.end ?? country.end);
  const [timeZone, setTimeZone] = useState(override.timeZone ?? '');
  const [problem, report, clear] = useFormProblem();
  const save = useMutation({
    mutationFn: (change: BodyOf<'setNotificationPreferences'>) =>
      answerOf(rest.PUT('/api/v1/me/notification-preferences', { body: change })),
    onMutate: clear,
    onSuccess: (saved) => queries.setQueryData(queryKey, saved),
    onError: report,
  });
  // The default shows the country's window in the locked inputs, so what is in force is what is on screen.
  const chooseDefault = (on: boolean) => {
    setUseDefault(on);
    if (on) {
      setStart(country.start);
      setEnd(country.end);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ quietHours: useDefault ? null : { start, end }, timeZone: timeZone || null });
  };

  return (
    <form className="quiet-hours" onSubmit={submit} aria-labelledby="quiet-hours-title">
      <h2 id="quiet-hours-title">{t('notifications.quiet.title')}</h2>
      <p className="muted">{t('notifications.quietHours', preferences.quietHours)}</p>
      <label className="check">
        <input type="checkbox" checked={useDefault} onChange={(event) => chooseDefault(event.target.checked)} />
        {t('notifications.quiet.useDefault', country)}
      </label>
      <div className="quiet-hours-times">
        <Field
          label={t('notifications.quiet.start')}
          type="time"
          value={start}
          disabled={useDefault}
          required
          onChange={(event) => setStart(event.target.value)}
          error={problem.fields['quietHours.start']}
        />
        <Field
          label={t('notifications.quiet.end')}
          type="time"
          value={end}
          disabled={useDefault}
          required
          onChange={(event) => setEnd(event.target.value)}
          error={problem.fields['quietHours.end']}
        />
      </div>
      <SelectField
        label={t('notifications.quiet.timeZone')}
        value={timeZone}
        onChange={(event) => setTimeZone(event.target.value)}
        error={problem.fields.timeZone}
      >
        <option value="">{t('notifications.quiet.countryZone', { timezone: country.timezone })}</option>
        {zoneChoices(preferences).map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll('_', ' ')}
          </option>
        ))}
      </SelectField>
      <FormError message={problem.message} />
      <button type="submit" disabled={save.isPending}>
        {t('notifications.quiet.save')}
      </button>
      {save.isSuccess && (
        <p className="muted" role="status">
          {t('notifications.quiet.saved')}
        </p>
      )}
    </form>
  );
}
