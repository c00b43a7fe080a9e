/**
 * A session trace flattened into the rows of its tree view: each path node, then its own requests
 * and its child nodes in the order they started, each with its time span on the session's axis.
 */
import type { TraceNode, TraceRequest } from '../../api/types.js';

export type TraceRow =
  | { kind: 'node'; depth: number; node: TraceNode; startMs: number; endMs: number }
  | { kind: 'request'; depth: number; request: TraceRequest; startMs: number; endMs: number };

const requestSpan = (request: TraceRequest) => {
  const startMs = Date.parse(request.created_at);
  return { startMs, endMs: startMs + (request.latency_ms ?? 0) };
};

const nodeSpan = (node: TraceNode) => {
  const startMs = node.start ? Date.parse(node.start) : 0;
  return { startMs, endMs: node.end ? Date.parse(node.end) : startMs };
};

function walk(node: TraceNode, depth: number, rows: TraceRow[]): void {
  const items: TraceRow[][] = [];
  for (const request of node.requests) items.push([{ kind: 'request', depth: depth + 1, request, ...requestSpan(request) }]);
  for (const child of node.children) {
    const childRows: TraceRow[] = [];
    walk(child, depth + 1, childRows);
    items.push(childRows);
  }
  items.sort((a, b) => a[0]!.startMs - b[0]!.startMs);
  rows.push({ kind: 'node', depth, node, ...nodeSpan(node) });
  for (const item of items) rows.push(...item);
}

/** The rows; the root "/" is shown only when requests were logged without a path. */
export function traceRows(tree: TraceNode): TraceRow[] {
  const rows: TraceRow[] = [];
  if (tree.requests.length > 0) walk(tree, 0, rows);
  else for (const child of tree.children) walk(child, 0, rows);
  return rows;
}

/** Round steps for an axis of `span` milliseconds, about `count` of them. */
export function axisTicks(span: number, count = 5): number[] {
  if (span <= 0) return [0];
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw) ?? raw;
  const ticks: number[] = [];
  for (let tick = 0; tick <= span + 1e-9; tick += step) ticks.push(tick);
  return ticks;
}
