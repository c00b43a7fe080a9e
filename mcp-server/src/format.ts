/**
 * Tool output made for a model's context: chosen columns, one compact JSON object a line, bodies
 * cut to a budget with the cut marked, and a line that says how to get the rest.
 */
import type { HeliconeRequestRow } from '../../gateway/src/query/request-rows.js';

const sessionKeys = new Set(['Helicone-Session-Id', 'Helicone-Session-Path', 'Helicone-Session-Name']);

/** A body as text, cut to `budget` characters with a marker saying how much was left out. */
export function cutBody(body: unknown, budget: number): string | null {
  if (body === null || body === undefined) return null;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (text.length <= budget) return text;
  return `${text.slice(0, budget)}…[cut ${text.length - budget} of ${text.length} chars; get_request with a larger bodyBudget shows more]`;
}

const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));

/** The columns an agent reads first; properties without the session keys (they have their own). */
export function compactRow(row: HeliconeRequestRow, bodies?: { request: unknown; response: unknown }, bodyBudget = 0): Record<string, unknown> {
  const properties = Object.fromEntries(Object.entries(row.properties ?? {}).filter(([key]) => !sessionKeys.has(key)));
  const compact: Record<string, unknown> = {
    request_id: row.request_id,
    created_at: row.request_created_at,
    model: row.model || row.request_model,
    provider: row.provider,
    status: row.response_status,
    latency_ms: row.delay_ms,
    ttft_ms: row.time_to_first_token,
    prompt_tokens: row.prompt_tokens,
    completion_tokens: row.completion_tokens,
    cost_usd: round(row.cost, 8),
    user_id: row.request_user_id,
    session_id: row.request_properties?.['Helicone-Session-Id'] ?? null,
    session_path: row.request_properties?.['Helicone-Session-Path'] ?? null,
  };
  if (Object.keys(properties).length > 0) compact.properties = properties;
  if (row.error_message) compact.error = row.error_message;
  if (row.feedback_rating !== null && row.feedback_rating !== undefined) compact.feedback = row.feedback_rating;
  const scores = Object.fromEntries(Object.entries(row.scores ?? {}).filter(([key]) => key !== 'helicone-score-feedback'));
  if (Object.keys(scores).length > 0) compact.scores = scores;
  if (bodies && bodyBudget > 0) {
    compact.request_body = cutBody(bodies.request, bodyBudget);
    compact.response_body = cutBody(bodies.response, bodyBudget);
  }
  return compact;
}

/** One JSON object a line: compact to read, easy to quote back. */
export const jsonLines = (items: unknown[]): string => items.map((item) => JSON.stringify(item)).join('\n');

/** "1 request", "3 requests". */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

export const usd = (value: number): string => (value === 0 ? '$0' : `$${value < 0.01 ? value.toPrecision(3) : value.toFixed(4)}`);
