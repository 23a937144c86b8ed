import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { answerOf, rest } from '../../shared/api/client';
import { StatusLine } from '../../shared/status-line';
import '../records/records.css';

const ROUTES: Record<string, string | undefined> = { merchant: '/merchants', lead: '/leads', visit: '/visits' };

/** What the header's search box found, across merchants, leads, places and visits of my scope, best match first. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const results = useQuery({
    queryKey: ['global-search', q],
    enabled: q !== '',
    queryFn: () => answerOf(rest.GET('/api/v1/search', { params: { query: { q, sort: 'relevance', limit: 50, facets: 'type' } } })),
  });
  return (
    <section>
      <h1>{t('records.search.title', { q })}</h1>
      <StatusLine loading={results.isPending && q !== ''} error={results.error} />
      {results.data && results.data.items.length === 0 && <p>{t('records.search.nothing')}</p>}
      {results.data && results.data.items.length > 0 && (
        <ul className="search-results">
          {results.data.items.map((hit) => {
            const route = ROUTES[hit.type];
            return (
              <li key={`${hit.type}-${hit.id}`}>
                <span className="badge">{t(`records.search.types.${hit.type}`, hit.type)}</span>{' '}
                {route ? <Link to={`${route}/${hit.id}`}>{hit.title}</Link> : hit.title}
                {hit.address && <span className="muted"> · {hit.address}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
