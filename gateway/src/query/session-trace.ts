/**
 * A session as a tree by Helicone-Session-Path ("/plan/search" nests under "/plan"): each node
 * with its own requests and the totals of its whole subtree, so an agent can see where time,
 * tokens, money and errors went.
 */
import type { SqlClient } from '../store/sql-client.js';
import { isoTime } from './request-rows.js';

export interface TraceRequest {
  request_id: string;
  created_at: string;
  path: string;
  model: string | null;
  provider: string | null;
  status: number;
  latency_ms: number | null;
  time_to_first_token_ms: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  cost: number | null;
  error_message: string | null;
}

export interface TraceNode {
  /** The path of this node, "/" for the root. */
  path: string;
  /** The last segment of the path ("" for the root). */
  name: string;
  requests: TraceRequest[];
  children: TraceNode[];
  /** Totals of this node and everything under it. */
  start: string | null;
  end: string | null;
  duration_ms: number;
  request_count: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cost: number;
  unpriced_requests: number;
  errors: number;
}

export interface SessionTrace extends Omit<TraceNode, 'path' | 'name' | 'requests' | 'children'> {
  session_id: string;
  session_name: string;
  user_ids: string[];
  tree: TraceNode;
}

interface Row {
  request_id: string;
  request_created_at: number;
  response_created_at: number | null;
  session_path: string | null;
  session_name: string | null;
  user_id: string | null;
  model: string | null;
  provider: string | null;
  status: number;
  latency_ms: number | null;
  time_to_first_token_ms: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  cost_usd: number | null;
  error_message: string | null;
}

interface Building {
  node: TraceNode;
  children: Map<string, Building>;
  startMs: number;
  endMs: number;
}

const emptyNode = (path: string, name: string): Building => ({
  node: { path, name, requests: [], children: [], start: null, end: null, duration_ms: 0, request_count: 0, prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, cost: 0, unpriced_requests: 0, errors: 0 },
  children: new Map(),
  startMs: Number.POSITIVE_INFINITY,
  endMs: Number.NEGATIVE_INFINITY,
});

export async function sessionTrace(db: SqlClient, sessionId: string): Promise<SessionTrace | undefined> {
  const rows = await db.all<Row>(
    `SELECT request_id, request_created_at, response_created_at, session_path, session_name, user_id, model, provider, status,
            latency_ms, time_to_first_token_ms, prompt_tokens, completion_tokens, cost_usd, error_message
     FROM requests WHERE session_id = ? ORDER BY request_created_at, ${db.dialect.insertionOrder}`,
    [sessionId],
  );
  if (rows.length === 0) return undefined;

  const root = emptyNode('/', '');
  for (const row of rows) {
    const segments = (row.session_path ?? '').split('/').filter(Boolean);
    const trail = [root];
    let current = root;
    for (const [index, segment] of segments.entries()) {
      let child = current.children.get(segment);
      if (!child) {
        child = emptyNode(`/${segments.slice(0, index + 1).join('/')}`, segment);
        current.children.set(segment, child);
      }
      current = child;
      trail.push(current);
    }
    current.node.requests.push({
      request_id: row.request_id,
      created_at: isoTime(row.request_created_at)!,
      path: row.session_path ?? '/',
      model: row.model,
      provider: row.provider,
      status: row.status,
      latency_ms: row.latency_ms,
      time_to_first_token_ms: row.time_to_first_token_ms,
      prompt_tokens: row.prompt_tokens,
      completion_tokens: row.completion_tokens,
      cost: row.cost_usd,
      error_message: row.error_message,
    });
    // Every node on the way down counts this request in its subtree totals.
    for (const building of trail) {
      const node = building.node;
      building.startMs = Math.min(building.startMs, row.request_created_at);
      building.endMs = Math.max(building.endMs, row.response_created_at ?? row.request_created_at);
      node.request_count++;
      node.prompt_tokens += row.prompt_tokens ?? 0;
      node.completion_tokens += row.completion_tokens ?? 0;
      node.total_tokens += (row.prompt_tokens ?? 0) + (row.completion_tokens ?? 0);
      node.cost += row.cost_usd ?? 0;
      if (row.cost_usd === null) node.unpriced_requests++;
      if (row.status >= 400 || row.status < 0) node.errors++;
    }
  }

  const finish = (building: Building): TraceNode => {
    const node = building.node;
    node.start = isoTime(building.startMs);
    node.end = isoTime(building.endMs);
    node.duration_ms = building.endMs - building.startMs;
    node.cost = Math.round(node.cost * 1e12) / 1e12;
    node.children = [...building.children.values()].sort((a, b) => a.startMs - b.startMs).map(finish);
    return node;
  };
  const tree = finish(root);
  const { path: _path, name: _name, requests: _requests, children: _children, ...totals } = tree;
  return {
    session_id: sessionId,
    session_name: rows.find((row) => row.session_name)?.session_name ?? '',
    user_ids: [...new Set(rows.map((row) => row.user_id).filter((id): id is string => id !== null))],
    ...totals,
    tree,
  };
}
