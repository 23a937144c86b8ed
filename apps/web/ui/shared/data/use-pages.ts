import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Page } from './records';

/** A cursor-paged list endpoint as one growing list, with `loadMore` for the next page. */
export function usePagedList<T>(path: string, params: Record<string, string | undefined>) {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
  const list = useInfiniteQuery({
    queryKey: [path, query.toString()],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => {
      const page = new URLSearchParams(query);
      if (pageParam) page.set('cursor', pageParam);
      return api<Page<T>>('GET', `${path}?${page}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return {
    items: list.data?.pages.flatMap((page) => page.items) ?? [],
    loading: list.isPending,
    error: list.error,
    hasMore: list.hasNextPage,
    loadMore: () => void list.fetchNextPage(),
    refetch: () => void list.refetch(),
  };
}
