import type { QueryClient } from '@tanstack/react-query';
import { countriesQuery } from '../../hooks/countries';
import { officesQuery } from '../../hooks/offices';
import { tagsQuery } from '../../hooks/tags';
import { userDirectoryQuery } from '../../hooks/users';

/**
 * Starts the lists of names that lists and records show beside their own
 * fields (a country's name, an office's, an owner's, a tag's): small,
 * shared by many pages, and each a render of the whole page when it answers
 * after the page is drawn. Already fetched,
 * each is kept (prefetching asks only for what is missing or stale).
 */
export function prefetchNames(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.prefetchQuery(countriesQuery()),
    queryClient.prefetchQuery(officesQuery()),
    queryClient.prefetchQuery(userDirectoryQuery()),
    queryClient.prefetchQuery(tagsQuery()),
  ]);
}
