import { useInfiniteQuery } from '@tanstack/react-query';
import type { Page } from './records';

/**
 * A cursor-paged list endpoint as one growing list, with `loadMore` for the next page. `fetchPage` reads one page
 * through the typed client; `key` names the list for the cache (it changes when the filters do).
 */
export function usePagedList<P extends Page<unknown>>(key: readonly unknown[], fetchPage: (cursor: string | undefined) => Promise<P>) {
  const list = useInfiniteQuery({
    queryKey: key,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return {
    items: (list.data?.pages ?? []).flatMap((page) => page.items as P['items'][number][]),
    /** The first page of the current key: what the endpoint tells beside the items (a count, facets). */
    first: list.data?.pages[0],
    loading: list.isPending,
    error: list.error,
    hasMore: list.hasNextPage,
    loadMore: () => void list.fetchNextPage(),
    refetch: () => void list.refetch(),
  };
}
