import { get } from '../../api/client.js';
import type { SessionTrace } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { DataState } from '../../components/data-state.js';
import { PageHeader } from '../../components/page-header.js';
import { StatTiles } from '../../components/stat-tiles.js';
import { formatCost, formatCount, formatMs, formatTime } from '../../format.js';
import { href } from '../../router.js';
import { SessionTraceView } from './session-trace-view.js';

export function SessionPage({ id }: { id: string }) {
  const state = useApi(() => get<SessionTrace>(`/v1/session/${encodeURIComponent(id)}/trace`), [id]);
  return (
    <section>
      <PageHeader title={state.data?.session_name || 'Session'}>
        <a href={href(['sessions'])}>← All sessions</a>
        <a href={href(['requests'], { session: id })}>Its requests</a>
      </PageHeader>
      <DataState state={state}>
        {(trace) => (
          <>
            <p class="muted">
              <span class="mono">{trace.session_id}</span> · started {formatTime(trace.start)}
              {trace.user_ids.length > 0 && <> · {trace.user_ids.join(', ')}</>}
            </p>
            <StatTiles
              tiles={[
                { label: 'Requests', value: formatCount(trace.request_count) },
                { label: 'Failed', value: formatCount(trace.errors) },
                { label: 'Duration', value: formatMs(trace.duration_ms) },
                { label: 'Tokens', value: formatCount(trace.total_tokens) },
                { label: 'Cost', value: formatCost(trace.cost), note: trace.unpriced_requests ? `${trace.unpriced_requests} unpriced` : undefined },
              ]}
            />
            <SessionTraceView trace={trace} />
          </>
        )}
      </DataState>
    </section>
  );
}
