import type { SessionTrace } from '../../api/types.js';
import { useWidth } from '../../charts/use-width.js';
import { formatCost, formatMs, isError } from '../../format.js';
import { href } from '../../router.js';
import { axisTicks, type TraceRow, traceRows } from './trace-rows.js';

function percent(value: number, span: number): string {
  return `${span <= 0 ? 0 : (value / span) * 100}%`;
}

function Label({ row }: { row: TraceRow }) {
  const indent = { paddingLeft: `${0.5 + row.depth * 1.1}rem` };
  if (row.kind === 'node') {
    const node = row.node;
    return (
      <div class="trace-label trace-node" style={indent} data-testid="tree-node" data-path={node.path}>
        <span class="trace-name">{node.name || '/'}</span>
        <span class="trace-meta">
          {node.request_count} req · {formatCost(node.cost)}
          {node.errors > 0 && <span class="error-text"> · {node.errors} failed</span>}
        </span>
      </div>
    );
  }
  const request = row.request;
  const tool = request.model?.startsWith('tool:');
  return (
    <a class={`trace-label trace-request${isError(request.status) ? ' failed' : ''}`} style={indent} href={href(['requests', request.request_id])} data-testid="tree-request">
      <span class="trace-name mono">{tool ? request.model!.slice(5) : request.model ?? 'request'}</span>
      <span class="trace-meta">
        {formatMs(request.latency_ms)} · {formatCost(request.cost)}
        {isError(request.status) && <span class="error-text"> · {request.status}</span>}
      </span>
    </a>
  );
}

function Bar({ row, origin, span }: { row: TraceRow; origin: number; span: number }) {
  const left = row.startMs - origin;
  const style = { left: percent(left, span), width: `max(2px, ${percent(row.endMs - row.startMs, span)})` };
  if (row.kind === 'node') return <div class="bar bar-node" style={style} data-testid="timeline-bar" data-kind="node" title={`${row.node.path}: ${formatMs(row.node.duration_ms)}`} />;
  const request = row.request;
  const kind = isError(request.status) ? 'bar-failed' : request.model?.startsWith('tool:') ? 'bar-tool' : 'bar-request';
  const title = `${request.model ?? ''} ${request.status}: ${formatMs(request.latency_ms)}, starts at +${formatMs(left)}`;
  return <div class={`bar ${kind}`} style={style} data-testid="timeline-bar" data-kind="request" title={title} />;
}

/**
 * The session's tree by path beside its timeline: one row per path node and per request, the
 * label on the left and its bar on the right, all on one time axis from the first request to the
 * last answer.
 */
export function SessionTraceView({ trace }: { trace: SessionTrace }) {
  const rows = traceRows(trace.tree);
  const origin = trace.start ? Date.parse(trace.start) : 0;
  const span = Math.max(1, trace.duration_ms);
  // About one tick per 70 pixels, so labels never run into each other on a phone.
  const axis = useWidth<HTMLDivElement>(400);
  const ticks = axisTicks(span, Math.max(2, Math.floor(axis.width / 70)));
  return (
    <div class="trace" data-testid="session-trace">
      <div class="trace-head">
        <div class="trace-label">Path</div>
        <div class="trace-axis" data-testid="timeline-axis" ref={axis.ref}>
          {ticks.map((tick) => (
            <span class="tick" style={{ left: percent(tick, span) }} key={tick}>
              {formatMs(tick)}
            </span>
          ))}
        </div>
      </div>
      {rows.map((row, index) => (
        <div class={`trace-row trace-row-${row.kind}`} key={index}>
          <Label row={row} />
          <div class="trace-lane">
            <Bar row={row} origin={origin} span={span} />
          </div>
        </div>
      ))}
      <p class="trace-legend muted">
        <span class="swatch bar-request" /> model call <span class="swatch bar-tool" /> tool step <span class="swatch bar-failed" /> failed <span class="swatch bar-node" /> path span
      </p>
    </div>
  );
}
