import type { MetricsRow } from '../api/types.js';
import { formatCost, formatCount, formatMs, formatPercent } from '../format.js';

/**
 * Metrics rows grouped by something (a user, a model, a property value): requests, failures,
 * tokens, cost and latency, with a bar for each row's share of the cost.
 */
export function BreakdownTable({ rows, groupLabel, link, testId }: { rows: MetricsRow[]; groupLabel: string; link: (group: string) => string; testId?: string }) {
  const maxCost = Math.max(0, ...rows.map((row) => row.cost));
  return (
    <div class="table-scroll">
      <table class="data-table" data-testid={testId}>
        <thead>
          <tr>
            <th>{groupLabel}</th>
            <th class="num">Requests</th>
            <th class="num">Failed</th>
            <th class="num hide-narrow">Tokens</th>
            <th class="num">Cost</th>
            <th class="num hide-narrow">p50 latency</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const group = row.group === null || row.group === '' ? '' : String(row.group);
            return (
              <tr key={group} data-testid="breakdown-row">
                <td>
                  <a href={link(group)} class="row-link">
                    {group || <span class="muted">(none)</span>}
                  </a>
                </td>
                <td class="num">{formatCount(row.requests)}</td>
                <td class={`num${row.errors > 0 ? ' error-text' : ''}`}>
                  {formatCount(row.errors)} <span class="muted">{row.errors > 0 ? formatPercent(row.errors, row.requests) : ''}</span>
                </td>
                <td class="num hide-narrow">{formatCount(row.total_tokens)}</td>
                <td class="num cost-cell">
                  <span class="share" style={{ width: maxCost > 0 ? `${(row.cost / maxCost) * 100}%` : '0%' }} />
                  {/* A group whose every request has an unknown price has no cost to show, not $0. */}
                  <span>{row.unpriced_requests === row.requests ? '—' : formatCost(row.cost)}</span>
                </td>
                <td class="num hide-narrow">{formatMs(row.latency_p50_ms)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
