import type { RequestRow } from '../../api/types.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatCost, formatCount, formatMs, formatTime } from '../../format.js';
import { href } from '../../router.js';

/** One line a request, newest first; a row opens the request. */
export function RequestTable({ rows }: { rows: RequestRow[] }) {
  return (
    <div class="table-scroll">
      <table class="data-table" data-testid="requests-table">
        <thead>
          <tr>
            <th>Time</th>
            <th>Status</th>
            <th>Model</th>
            <th class="hide-narrow">Provider</th>
            <th class="hide-narrow">User</th>
            <th class="hide-narrow">Session path</th>
            <th class="num hide-narrow">Tokens</th>
            <th class="num">Cost</th>
            <th class="num">Latency</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.request_id} data-testid="request-row" data-request-id={row.request_id}>
              <td>
                <a href={href(['requests', row.request_id])} class="row-link">
                  {formatTime(row.request_created_at)}
                </a>
              </td>
              <td>
                <StatusBadge status={row.response_status} />
              </td>
              <td class="mono clip" title={row.model || row.request_model || undefined}>
                {row.model || row.request_model || '—'}
              </td>
              <td class="hide-narrow">{row.provider}</td>
              <td class="hide-narrow">{row.request_user_id ?? ''}</td>
              <td class="hide-narrow mono">{row.request_properties['Helicone-Session-Path'] ?? ''}</td>
              <td class="num hide-narrow">{formatCount(row.total_tokens)}</td>
              <td class="num">{formatCost(row.cost)}</td>
              <td class="num">{formatMs(row.delay_ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
