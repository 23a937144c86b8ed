import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../shared/forms/field';
import { type PushState, pushKey, pushState, turnPushOff, turnPushOn } from './push-subscription';

const PUSH = ['push-state'] as const;

/** Push on this phone: the rep turns it on (the browser asks for permission) or off; says why when it cannot be. */
export function PushOptIn() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const state = useQuery({
    queryKey: PUSH,
    queryFn: async () => {
      const key = await pushKey();
      return { key, state: await pushState(key) };
    },
  });
  const change = useMutation({
    mutationFn: (on: boolean): Promise<PushState> => (on && state.data?.key ? turnPushOn(state.data.key) : turnPushOff()),
    onSuccess: (next) => queries.setQueryData(PUSH, { key: state.data?.key ?? null, state: next }),
  });
  const current = state.data?.state;
  return (
    <section className="push-opt-in" aria-labelledby="push-opt-in-title">
      <h2 id="push-opt-in-title">{t('notifications.push.title')}</h2>
      {current && <p className="muted">{t(`notifications.push.states.${current}`)}</p>}
      {current === 'off' && (
        <button type="button" disabled={change.isPending} onClick={() => change.mutate(true)}>
          {t('notifications.push.enable')}
        </button>
      )}
      {current === 'on' && (
        <button type="button" className="secondary" disabled={change.isPending} onClick={() => change.mutate(false)}>
          {t('notifications.push.disable')}
        </button>
      )}
      <FormError message={(state.error ?? change.error)?.message} />
    </section>
  );
}
