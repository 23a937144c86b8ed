import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Answer, answerOf, rest } from '../../shared/api/client';
import { ProblemError } from '../../shared/api/problem';
import { problemIn } from '../../shared/api/problem-words';
import { FormError } from '../../shared/forms/field';
import { useFormat } from '../../shared/i18n/format';
import type { Position } from '../offline/use-position';
import { visitLink } from '../visit/visit-link';

type Match = Answer<'checkLeadDuplicates'>['items'][number];

/** The value once it has stopped changing for `ms`: the check runs when the rep pauses, not on every key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * While the rep types a new lead, the same duplicate check that saving runs: the matches they may read, with who
 * holds each and a way to claim or open it; a match they may not read is only said to exist.
 */
export function LiveDuplicates({
  name,
  phone,
  position,
  onClaimed,
}: {
  name: string;
  phone: string;
  position: Position | undefined;
  onClaimed(name: string): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  // ~10 m steps: a rep standing still does not ask again at each GPS fix.
  const at = position && { lat: Math.round(position.lat * 10_000) / 10_000, lng: Math.round(position.lng * 10_000) / 10_000 };
  const asked = useSettled({ name: name.trim(), phone: phone.trim(), lat: at?.lat, lng: at?.lng }, 400);
  const check = useQuery({
    queryKey: ['lead-duplicates', asked],
    enabled: asked.name.length >= 2 && asked.lat !== undefined && asked.lng !== undefined,
    queryFn: () =>
      answerOf(
        rest.GET('/api/v1/leads/duplicates', {
          params: {
            query: {
              name: asked.name,
              lat: asked.lat ?? 0,
              lng: asked.lng ?? 0,
              coords: 'WGS84',
              ...(asked.phone ? { phone: asked.phone } : {}),
            },
          },
        }),
      ),
    // A phone that cannot check (offline, a phone number still half typed) just shows nothing.
    retry: false,
  });
  const claim = useMutation({
    mutationFn: (match: Match) => answerOf(rest.POST('/api/v1/leads/{id}/claim', { params: { path: { id: match.id } } })),
    onSuccess: (_lead, match) => {
      void queryClient.invalidateQueries({ queryKey: ['lead-duplicates'] });
      onClaimed(match.name);
    },
  });
  const data = check.data;
  if (!data || (data.items.length === 0 && data.hidden === 0)) return null;
  const holderOf = (match: Match) =>
    match.type === 'merchant'
      ? t('fieldSync.duplicate.merchant')
      : match.holder === 'me'
        ? t('fieldSync.duplicate.heldByMe')
        : match.holder === 'other'
          ? t('fieldSync.duplicate.heldByOther')
          : t('fieldSync.duplicate.inPool');
  const title = data.blocking ? t('fieldSync.duplicate.strongTitle') : t('fieldSync.duplicate.weakTitle');
  return (
    <section className="warning" role="alert" aria-label={title}>
      <h2>{title}</h2>
      {data.items.length > 0 && (
        <ul>
          {data.items.map((match) => (
            <li key={match.id}>
              <strong>{match.name}</strong> · {format.distance(match.distance)} · {holderOf(match)}
              <span className="actions">
                {match.type === 'lead' && match.holder === 'nobody' && (
                  <button type="button" disabled={claim.isPending} onClick={() => claim.mutate(match)}>
                    {t('field.duplicate.claim')}
                  </button>
                )}
                <Link
                  className="button secondary"
                  to={visitLink({ type: match.type, id: match.id, name: match.name, lat: match.lat, lng: match.lng })}
                >
                  {t('fieldSync.duplicate.open')}
                </Link>
              </span>
            </li>
          ))}
        </ul>
      )}
      {data.hidden > 0 && <p>{t('fieldSync.duplicate.hidden', { count: data.hidden })}</p>}
      <FormError message={claim.error instanceof ProblemError ? problemIn(t, claim.error.problem) : claim.error?.message} />
    </section>
  );
}
