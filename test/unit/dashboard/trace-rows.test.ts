import { describe, expect, it } from 'vitest';
import type { TraceNode, TraceRequest } from '../../../gateway/dashboard/src/api/types.js';
import { axisTicks, traceRows } from '../../../gateway/dashboard/src/pages/sessions/trace-rows.js';

const request = (id: string, at: number, latency: number): TraceRequest => ({
  request_id: id,
  created_at: new Date(at).toISOString(),
  path: '',
  model: 'mock',
  provider: 'mock',
  status: 200,
  latency_ms: latency,
  time_to_first_token_ms: null,
  prompt_tokens: 1,
  completion_tokens: 1,
  cost: 0,
  error_message: null,
});

const node = (path: string, requests: TraceRequest[], children: TraceNode[], start: number, end: number): TraceNode => ({
  path,
  name: path.split('/').pop() ?? '',
  requests,
  children,
  start: new Date(start).toISOString(),
  end: new Date(end).toISOString(),
  duration_ms: end - start,
  request_count: 0,
  prompt_tokens: 0,
  completion_tokens: 0,
  total_tokens: 0,
  cost: 0,
  unpriced_requests: 0,
  errors: 0,
});

describe('a session trace as rows of a tree beside a timeline', () => {
  it('lists each node, then its requests and child nodes in the order they started', () => {
    const search = node('/plan/search', [request('b', 30, 10)], [], 30, 40);
    const plan = node('/plan', [request('a', 0, 20), request('c', 50, 5)], [search], 0, 55);
    const rows = traceRows(node('/', [], [plan], 0, 55));
    expect(rows.map((row) => (row.kind === 'node' ? row.node.path : row.request.request_id))).toEqual(['/plan', 'a', '/plan/search', 'b', 'c']);
    expect(rows.map((row) => row.depth)).toEqual([0, 1, 1, 2, 1]);
    expect(rows[1]).toMatchObject({ startMs: 0, endMs: 20 });
  });

  it('shows the root only when requests were logged without a path', () => {
    const rows = traceRows(node('/', [request('a', 0, 5)], [], 0, 5));
    expect(rows.map((row) => row.kind)).toEqual(['node', 'request']);
  });

  it('puts axis ticks on round steps', () => {
    expect(axisTicks(181, 4)).toEqual([0, 50, 100, 150]);
    expect(axisTicks(2000, 2)).toEqual([0, 1000, 2000]);
    expect(axisTicks(0)).toEqual([0]);
  });
});
