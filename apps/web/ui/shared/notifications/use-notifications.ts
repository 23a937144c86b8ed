import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { type Answer, answerOf, rest } from '../api/client';
import { ProblemError } from '../api/problem';
import { usePagedList } from '../data/use-pages';
import { followNotificationStream } from './notification-stream';

export type Notice = Answer<'listNotifications'>['items'][number];

/** Every notification query starts with this key, so one invalidation refreshes the bell and the inbox. */
const NOTIFICATIONS = ['notifications'] as const;

/** An installation without the notification service answers 404: the apps then show no bell and no inbox. */
function absentOn404(error: unknown): null {
  if (error instanceof ProblemError && error.status === 404) return null;
  throw error;
}

/** My unread count for the bell; null where notifications are not installed. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...NOTIFICATIONS, 'unread-count'],
    queryFn: () =>
      answerOf(rest.GET('/api/v1/notifications', { params: { query: { unread: true, limit: 1 } } })).then(
        (page) => page.unreadCount,
        absentOn404,
      ),
  });
}

/** My inbox, newest first, page by page; `unreadOnly` lists only what is not read yet. */
export function useInbox(unreadOnly: boolean) {
  return usePagedList([...NOTIFICATIONS, 'inbox', unreadOnly], (cursor) =>
    answerOf(
      rest.GET('/api/v1/notifications', {
        params: { query: { limit: 20, ...(cursor ? { cursor } : {}), ...(unreadOnly ? { unread: true } : {}) } },
      }),
    ),
  );
}

export function useMarkRead() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => answerOf(rest.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: () => queries.invalidateQueries({ queryKey: NOTIFICATIONS }),
  });
}

export function useReadAll() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () => answerOf(rest.POST('/api/v1/notifications/read-all')),
    onSuccess: (answer) => queries.setQueryData([...NOTIFICATIONS, 'unread-count'], answer.unreadCount),
    onSettled: () => queries.invalidateQueries({ queryKey: NOTIFICATIONS }),
  });
}

/**
 * Keeps the bell and the inbox live while the app is open: one stream per app, and each new notice (or a
 * reconnect, after which reads made elsewhere may have changed the count) refreshes the notification queries.
 * Notices arriving together are refreshed for once.
 */
export function useLiveNotifications(): void {
  const queries = useQueryClient();
  useEffect(() => {
    const stop = new AbortController();
    let pending: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      pending ??= setTimeout(() => {
        pending = undefined;
        void queries.invalidateQueries({ queryKey: NOTIFICATIONS });
      }, 50);
    };
    void followNotificationStream({ onEvent: refresh, onOpen: refresh }, stop.signal);
    return () => {
      stop.abort();
      clearTimeout(pending);
    };
  }, [queries]);
}
