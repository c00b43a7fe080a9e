import { queryMetrics, timeWindow } from '../../api/metrics.js';
import type { MetricsRow } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { BreakdownTable } from '../../components/breakdown-table.js';
import { DataState } from '../../components/data-state.js';
import { PageHeader } from '../../components/page-header.js';
import { RangeSelect } from '../../components/range-select.js';
import { StatTiles } from '../../components/stat-tiles.js';
import { formatCost, formatCount, formatMs, formatPercent } from '../../format.js';
import { href, type Location, navigate, type Query } from '../../router.js';
import { TimeChart } from '../../charts/time-chart.js';
import { bucketFor, fillBuckets } from '../../charts/time-series.js';
import { timeRanges } from '../requests/request-filters.js';

function scopeFilter(model: string, provider: string): unknown {
  const leaves = [
    model ? { request_response_rmt: { model: { equals: model } } } : undefined,
    provider ? { request_response_rmt: { provider: { equals: provider } } } : undefined,
  ].filter(Boolean);
  if (leaves.length === 0) return 'all';
  return leaves.length === 1 ? leaves[0] : { left: leaves[0], operator: 'and', right: leaves[1] };
}

function Totals({ row }: { row: MetricsRow | undefined }) {
  const total = row ?? ({ requests: 0, errors: 0, total_tokens: 0, cost: 0, latency_p50_ms: null, ttft_p50_ms: null, unpriced_requests: 0 } as unknown as MetricsRow);
  return (
    <StatTiles
      tiles={[
        { label: 'Requests', value: formatCount(total.requests) },
        { label: 'Failed', value: formatCount(total.errors), note: total.requests ? formatPercent(total.errors, total.requests) : undefined },
        { label: 'Tokens', value: formatCount(total.total_tokens) },
        { label: 'Cost', value: formatCost(total.cost), note: total.unpriced_requests ? `${total.unpriced_requests} unpriced` : undefined },
        { label: 'p50 latency', value: formatMs(total.latency_p50_ms) },
        { label: 'p50 first token', value: formatMs(total.ttft_p50_ms) },
      ]}
    />
  );
}

/**
 * Requests, failures, tokens, cost and latency percentiles over time, for everything or one model
 * or provider; and the same totals by model and by provider.
 */
export function OverviewPage({ location }: { location: Location }) {
  const range = location.query.get('range') ?? '24h';
  const model = location.query.get('model') ?? '';
  const provider = location.query.get('provider') ?? '';
  const windowMs = timeRanges[range]?.ms ?? null;
  const bounds = timeWindow(windowMs);
  const bucket = bucketFor(windowMs);
  const filter = scopeFilter(model, provider);
  const deps = [range, model, provider, bounds?.endTimeUnixMs];
  const totals = useApi(() => queryMetrics({ groupBy: 'none', filter, timeFilter: bounds }), deps);
  const overTime = useApi(() => queryMetrics({ groupBy: 'time', timeBucket: bucket, filter, timeFilter: bounds, limit: 1000 }), deps);
  const byModel = useApi(() => queryMetrics({ groupBy: 'model', timeFilter: bounds, limit: 50 }), [range, bounds?.endTimeUnixMs]);
  const byProvider = useApi(() => queryMetrics({ groupBy: 'provider', timeFilter: bounds, limit: 50 }), [range, bounds?.endTimeUnixMs]);
  const query: Query = { range, model, provider };
  const go = (change: Query) => navigate(['overview'], { ...query, ...change });
  const models = (byModel.data ?? []).map((row) => String(row.group ?? '')).filter(Boolean);
  const providers = (byProvider.data ?? []).map((row) => String(row.group ?? '')).filter(Boolean);
  return (
    <section>
      <PageHeader title="Overview" />
      <div class="filter-bar">
        <RangeSelect value={range} onChange={(next) => go({ range: next })} />
        <label class="field">
          <span>Model</span>
          <select value={model} onChange={(event) => go({ model: (event.target as HTMLSelectElement).value })}>
            <option value="">All models</option>
            {[...new Set([...models, model].filter(Boolean))].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Provider</span>
          <select value={provider} onChange={(event) => go({ provider: (event.target as HTMLSelectElement).value })}>
            <option value="">All providers</option>
            {[...new Set([...providers, provider].filter(Boolean))].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <DataState state={totals}>{(rows) => <Totals row={rows[0]} />}</DataState>
      <DataState state={overTime}>
        {(rows) => {
          const { times, rows: points } = fillBuckets(rows, bucket, bounds);
          const values = (read: (row: MetricsRow) => number | null) => points.map((row) => (row ? read(row) : null));
          return (
            <div class="charts">
              <TimeChart
                title="Requests"
                kind="bars"
                times={times}
                format={formatCount}
                series={[
                  { name: 'succeeded', tone: 'series-1', values: values((row) => row.requests - row.errors) },
                  { name: 'failed', tone: 'series-error', values: values((row) => row.errors) },
                ]}
              />
              <TimeChart
                title="Tokens"
                kind="bars"
                times={times}
                format={formatCount}
                series={[
                  { name: 'prompt', tone: 'series-1', values: values((row) => row.prompt_tokens) },
                  { name: 'completion', tone: 'series-2', values: values((row) => row.completion_tokens) },
                ]}
              />
              <TimeChart title="Cost" kind="bars" times={times} format={formatCost} series={[{ name: 'cost', tone: 'series-3', values: values((row) => row.cost) }]} />
              <TimeChart
                title="Latency"
                kind="lines"
                times={times}
                format={formatMs}
                series={[
                  { name: 'p50', tone: 'series-1', values: values((row) => row.latency_p50_ms) },
                  { name: 'p90', tone: 'series-2', values: values((row) => row.latency_p90_ms) },
                  { name: 'p99', tone: 'series-4', values: values((row) => row.latency_p99_ms) },
                ]}
              />
            </div>
          );
        }}
      </DataState>
      <h2>By model</h2>
      <DataState state={byModel} empty={(rows) => rows.length === 0}>
        {(rows) => <BreakdownTable rows={rows} groupLabel="Model" testId="models-table" link={(name) => href(['overview'], { ...query, model: name })} />}
      </DataState>
      <h2>By provider</h2>
      <DataState state={byProvider} empty={(rows) => rows.length === 0}>
        {(rows) => <BreakdownTable rows={rows} groupLabel="Provider" testId="providers-table" link={(name) => href(['overview'], { ...query, provider: name })} />}
      </DataState>
    </section>
  );
}
