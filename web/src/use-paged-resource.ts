import { useEffect, useState } from 'react';
import { toApiError, type ApiError } from './api-error.ts';
import { useResource, type ResourceState } from './use-resource.ts';

interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/**
 * A list read page by page: the first page as a resource (see useResource), then `loadMore` appends the
 * next ones. A new first page (key changed, or a reload after a change) starts the list afresh.
 */
export function usePagedResource<T>(
  key: string,
  loadPage: (cursor: string | null, signal?: AbortSignal) => Promise<Page<T>>,
): {
  first: ResourceState<Page<T>> & { reload: () => void };
  items: readonly T[];
  hasMore: boolean;
  moreError: ApiError | null;
  loadMore: () => Promise<void>;
} {
  const first = useResource(key, (signal) => loadPage(null, signal));
  const [more, setMore] = useState<{ items: T[]; cursor: string | null; error: ApiError | null }>({
    items: [],
    cursor: null,
    error: null,
  });
  const firstPage = first.status === 'ready' ? first.data : null;
  useEffect(() => {
    if (firstPage !== null) setMore({ items: [], cursor: firstPage.nextCursor, error: null });
  }, [firstPage]);

  const loadMore = async (): Promise<void> => {
    if (more.cursor === null) return;
    try {
      const page = await loadPage(more.cursor);
      setMore({ items: [...more.items, ...page.items], cursor: page.nextCursor, error: null });
    } catch (thrown) {
      setMore({ ...more, error: toApiError(thrown) });
    }
  };
  return {
    first,
    items: firstPage === null ? [] : [...firstPage.items, ...more.items],
    hasMore: firstPage !== null && more.cursor !== null,
    moreError: more.error,
    loadMore,
  };
}
