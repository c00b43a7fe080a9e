import { queryMetrics, timeWindow } from '../../api/metrics.js';
import { useApi } from '../../api/use-api.js';
import { BreakdownTable } from '../../components/breakdown-table.js';
import { DataState } from '../../components/data-state.js';
import { PageHeader } from '../../components/page-header.js';
import { RangeSelect } from '../../components/range-select.js';
import { href, type Location, navigate } from '../../router.js';
import { timeRanges } from '../requests/request-filters.js';

/** Cost, requests and failures per user; a user opens their requests. */
export function UsersPage({ location }: { location: Location }) {
  const range = location.query.get('range') ?? '30d';
  const bounds = timeWindow(timeRanges[range]?.ms ?? null);
  const state = useApi(
    () => queryMetrics({ groupBy: 'user', timeFilter: bounds, filter: { request_response_rmt: { user_id: { 'not-equals': '' } } }, limit: 1000 }),
    [range, bounds?.endTimeUnixMs],
  );
  return (
    <section>
      <PageHeader title="Users">
        <RangeSelect value={range} onChange={(next) => navigate(['users'], { range: next })} />
      </PageHeader>
      <DataState state={state} empty={(rows) => rows.length === 0}>
        {(rows) => <BreakdownTable rows={rows} groupLabel="User" testId="users-table" link={(user) => href(['requests'], { user, range })} />}
      </DataState>
    </section>
  );
}
