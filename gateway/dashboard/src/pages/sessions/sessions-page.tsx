import { useState } from 'preact/hooks';
import { post } from '../../api/client.js';
import type { SessionResult } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { DataState } from '../../components/data-state.js';
import { PageHeader } from '../../components/page-header.js';
import { RangeSelect } from '../../components/range-select.js';
import { formatAgo, formatCost, formatCount, formatMs, formatTime, shortId } from '../../format.js';
import { href, type Location, navigate } from '../../router.js';
import { timeRanges } from '../requests/request-filters.js';

export function SessionsPage({ location }: { location: Location }) {
  const range = location.query.get('range') ?? '7d';
  const search = location.query.get('search') ?? '';
  const [draft, setDraft] = useState(search);
  const windowMs = timeRanges[range]?.ms ?? null;
  // Whole minutes keep the query still between renders; Helicone's bounds are exclusive.
  const end = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
  const state = useApi(
    () =>
      post<SessionResult[]>('/v1/session/query', {
        search,
        timeFilter: { startTimeUnixMs: windowMs === null ? 0 : end - windowMs, endTimeUnixMs: end },
        timezoneDifference: 0,
        filter: 'all',
        limit: 200,
      }),
    [range, search, end],
  );
  return (
    <section>
      <PageHeader title="Sessions" />
      <form
        class="filter-bar"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(['sessions'], { range, search: draft });
        }}
      >
        <RangeSelect value={range} onChange={(next) => navigate(['sessions'], { range: next, search })} />
        <label class="field">
          <span>Id or name</span>
          <input type="search" name="search" value={draft} onInput={(event) => setDraft((event.target as HTMLInputElement).value)} />
        </label>
        <div class="filter-actions">
          <button type="submit">Search</button>
        </div>
      </form>
      <DataState state={state} empty={(sessions) => sessions.length === 0}>
        {(sessions) => (
          <div class="table-scroll">
            <table class="data-table" data-testid="sessions-table">
              <thead>
                <tr>
                  <th>Session</th>
                  <th class="hide-narrow">Started</th>
                  <th class="hide-narrow">Users</th>
                  <th class="num">Requests</th>
                  <th class="num">Tokens</th>
                  <th class="num">Cost</th>
                  <th class="num hide-narrow">Avg latency</th>
                  <th class="num">Last request</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((session) => (
                  <tr key={session.session_id} data-testid="session-row">
                    <td>
                      <a href={href(['sessions', session.session_id])} class="row-link">
                        {session.session_name || <span class="mono">{shortId(session.session_id)}</span>}
                      </a>
                    </td>
                    <td class="hide-narrow">{formatTime(session.created_at)}</td>
                    <td class="hide-narrow">{session.user_ids.join(', ')}</td>
                    <td class="num">{formatCount(session.total_requests)}</td>
                    <td class="num">{formatCount(session.total_tokens)}</td>
                    <td class="num">{formatCost(session.total_cost)}</td>
                    <td class="num hide-narrow">{formatMs(session.avg_latency)}</td>
                    <td class="num">{formatAgo(session.latest_request_created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </DataState>
    </section>
  );
}
