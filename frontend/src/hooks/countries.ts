import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type ResponseBody } from '../api/client';

export type Country = NonNullable<ResponseBody<'/api/v1/countries', 'get'>['items']>[number];

export const countryKeys = {
  all: ['countries'] as const,
  list: () => [...countryKeys.all, 'list'] as const,
};

/** The ISO 3166-1 reference list; it is shipped with the server and never changes at run time. */
export function useCountries() {
  return useQuery(countriesQuery());
}

/** The query behind useCountries, for starting it before a page is drawn (src/pageData.ts). */
export function countriesQuery() {
  return queryOptions({
    queryKey: countryKeys.list(),
    queryFn: async ({ signal }) => (await unwrap(api.GET('/api/v1/countries', { signal }))).items ?? [],
    staleTime: Infinity,
    gcTime: Infinity,
  });
}
