import { DataState } from '../../components/data-state.js';
import { PageHeader } from '../../components/page-header.js';
import { href, navigate, type Location } from '../../router.js';
import { FilterBar } from './filter-bar.js';
import { filtersFromQuery, filtersToQuery, filterTree, FilterSyntaxError } from './request-filters.js';
import { RequestTable } from './request-table.js';
import { useLiveRequests } from './use-live-requests.js';

const pageSize = 50;

export function RequestsPage({ location }: { location: Location }) {
  const filters = filtersFromQuery(location.query);
  const offset = Math.max(0, Number(location.query.get('offset')) || 0);
  let filter: unknown = 'all';
  let syntaxError: string | undefined;
  try {
    // The window starts on a whole minute, so the query (and its cache key) holds still between renders.
    filter = filterTree(filters, Math.ceil(Date.now() / 60_000) * 60_000);
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw error;
    syntaxError = error.message;
  }
  // Only the first page follows new requests: later pages would shift under the reader.
  const live = offset === 0 && !syntaxError;
  const state = useLiveRequests(filter, { limit: pageSize, offset }, live);
  const query = filtersToQuery(filters);
  const rows = state.data ?? [];
  return (
    <section>
      <PageHeader title="Requests">
        {live && (
          <span class="live" title="New requests appear as they are logged">
            <span class="live-dot" /> Live
          </span>
        )}
      </PageHeader>
      <FilterBar filters={filters} onApply={(next) => navigate(['requests'], filtersToQuery(next))} />
      {syntaxError ? (
        <p class="error-box" role="alert">{syntaxError}</p>
      ) : (
        <DataState state={state} empty={(data) => data.length === 0 && offset === 0}>
          {(data) => <RequestTable rows={data} />}
        </DataState>
      )}
      <nav class="pager" aria-label="Pages">
        {offset > 0 && <a href={href(['requests'], { ...query, offset: String(Math.max(0, offset - pageSize)) })}>← Newer</a>}
        <span class="muted">
          {rows.length > 0 ? `${offset + 1}–${offset + rows.length}` : ''}
        </span>
        {rows.length === pageSize && <a href={href(['requests'], { ...query, offset: String(offset + pageSize) })}>Older →</a>}
      </nav>
    </section>
  );
}
