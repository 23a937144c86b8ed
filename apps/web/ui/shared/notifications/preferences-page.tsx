import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Answer, answerOf, type BodyOf, rest } from '../api/client';
import { FormError } from '../forms/field';
import { StatusLine } from '../status-line';
import { QuietHoursForm } from './quiet-hours-form';

type Preferences = Answer<'getNotificationPreferences'>;
type Channel = keyof Preferences['channels'];

const CHANNELS: readonly Channel[] = ['email', 'push', 'sms'];
const PREFERENCES = ['notification-preferences'] as const;

/**
 * What reaches me where: one switch per kind of notice and channel, and one per channel for everything. A switch
 * saves at once. Critical notices are shown locked on: they are sent whatever the preferences say. `children`: what
 * an app adds for this device (the field app's push opt-in).
 */
export function PreferencesPage({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const preferences = useQuery({
    queryKey: PREFERENCES,
    queryFn: () => answerOf(rest.GET('/api/v1/me/notification-preferences')),
  });
  const save = useMutation({
    mutationFn: (change: BodyOf<'setNotificationPreferences'>) =>
      answerOf(rest.PUT('/api/v1/me/notification-preferences', { body: change })),
    onSuccess: (saved) => queries.setQueryData(PREFERENCES, saved),
  });
  const data = preferences.data;
  const workflowName = (workflow: string) => t(`notifications.workflows.${workflow}`, { defaultValue: workflow });

  return (
    <section className="preferences">
      <p>
        <Link to="/notifications">← {t('notifications.title')}</Link>
      </p>
      <h1>{t('notifications.preferences')}</h1>
      <p className="muted">{t('notifications.preferencesHint')}</p>
      {children}
      <StatusLine loading={preferences.isPending} error={preferences.error} />
      <FormError message={save.error?.message} />
      {data && (
        <>
          <table className="switches">
            <caption className="visually-hidden">{t('notifications.preferences')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notifications.kind')}</th>
                {CHANNELS.map((channel) => (
                  <th scope="col" key={channel}>
                    {t(`notifications.channels.${channel}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr className="all-row">
                <th scope="row">{t('notifications.everything')}</th>
                {CHANNELS.map((channel) => (
                  <td key={channel}>
                    <Switch
                      label={t('notifications.switchLabel', {
                        channel: t(`notifications.channels.${channel}`),
                        workflow: t('notifications.everything'),
                      })}
                      checked={data.channels[channel]}
                      disabled={save.isPending}
                      onChange={(on) => save.mutate({ channels: { [channel]: on } })}
                    />
                  </td>
                ))}
              </tr>
              {data.workflows.map((entry) => (
                <tr key={entry.workflow}>
                  <th scope="row">
                    {workflowName(entry.workflow)}
                    {entry.critical && <small className="locked-note">{t('notifications.locked')}</small>}
                  </th>
                  {CHANNELS.map((channel) => (
                    <td key={channel}>
                      {entry.critical && !entry.channels[channel] ? (
                        // A critical kind lists exactly the channels it goes out on; the others do not apply.
                        <>
                          <span className="muted" aria-hidden="true">
                            —
                          </span>
                          <span className="visually-hidden">{t('notifications.notSent')}</span>
                        </>
                      ) : (
                        <Switch
                          label={t('notifications.switchLabel', {
                            channel: t(`notifications.channels.${channel}`),
                            workflow: workflowName(entry.workflow),
                          })}
                          checked={entry.channels[channel] && (entry.critical || data.channels[channel])}
                          locked={entry.critical}
                          disabled={entry.critical || !data.channels[channel] || save.isPending}
                          onChange={(on) => save.mutate({ workflows: [{ workflow: entry.workflow, channels: { [channel]: on } }] })}
                        />
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <QuietHoursForm preferences={data} queryKey={PREFERENCES} />
        </>
      )}
    </section>
  );
}

/** A checkbox shown as a switch; a locked one carries a padlock and cannot change. */
function Switch(props: { label: string; checked: boolean; disabled: boolean; locked?: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className={props.locked ? 'switch locked' : 'switch'}>
      <input
        type="checkbox"
        role="switch"
        aria-checked={props.checked}
        aria-label={props.label}
        checked={props.checked}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <span className="switch-track" aria-hidden="true" />
      {props.locked && (
        <svg className="padlock" viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M17 9h-1V7a4 4 0 0 0-8 0v2H7a2 2 0 0 0-2 2v9a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-9a2 2 0 0 0-2-2Zm-7-2a2 2 0 0 1 4 0v2h-4Z"
          />
        </svg>
      )}
    </label>
  );
}
