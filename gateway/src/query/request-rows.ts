/**
 * Reads logged requests as Helicone's `HeliconeRequest` rows (rest-api-spec §1.3): one page of
 * `requests` by a compiled filter and sort, then their properties, scores and bodies in one query
 * each. Session and user fields appear where Helicone puts them (request_properties, request_user_id).
 */
import type { AttemptLog } from '../log/log-record.js';
import type { SqlClient } from '../store/sql-client.js';
import { FEEDBACK_SCORE_KEY } from './filter/columns-shared.js';
import type { CompiledSql } from './filter/index.js';
import { raw } from './filter/sql.js';

export { FEEDBACK_SCORE_KEY as feedbackScoreKey } from './filter/columns-shared.js';
const notCached = '00000000-0000-0000-0000-000000000000';

export interface HeliconeRequestRow {
  request_id: string;
  request_created_at: string;
  request_body: unknown;
  request_path: string;
  request_user_id: string | null;
  request_properties: Record<string, string>;
  request_model: string | null;
  model_override: string | null;
  helicone_user: string | null;
  provider: string;
  response_id: string | null;
  response_created_at: string | null;
  response_body: unknown;
  response_status: number;
  response_model: string | null;
  delay_ms: number | null;
  time_to_first_token: number | null;
  total_tokens: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  reasoning_tokens: number | null;
  prompt_cache_write_tokens: number | null;
  prompt_cache_read_tokens: number | null;
  prompt_audio_tokens: number | null;
  completion_audio_tokens: number | null;
  cost: number | null;
  costUSD: number | null;
  prompt_id: string | null;
  prompt_version: string | null;
  feedback_created_at: string | null;
  feedback_id: string | null;
  feedback_rating: boolean | null;
  signed_body_url: string | null;
  llmSchema: null;
  country_code: string | null;
  asset_ids: string[] | null;
  asset_urls: Record<string, string> | null;
  scores: Record<string, number>;
  properties: Record<string, string>;
  assets: string[];
  target_url: string;
  model: string;
  cache_reference_id: string;
  cache_enabled: boolean;
  ai_gateway_body_mapping: string | null;
  storage_location: string;
  /** Ours: why the request failed, and every provider attempt. */
  error_message: string | null;
  attempts: AttemptLog[];
}

interface StoredRequest {
  request_id: string;
  request_created_at: number;
  response_created_at: number | null;
  latency_ms: number | null;
  time_to_first_token_ms: number | null;
  status: number;
  error_message: string | null;
  provider: string | null;
  request_path: string;
  target_url: string | null;
  request_model: string | null;
  response_model: string | null;
  model_override: string | null;
  model: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  prompt_cache_read_tokens: number | null;
  prompt_cache_write_tokens: number | null;
  reasoning_tokens: number | null;
  cost_usd: number | null;
  user_id: string | null;
  session_id: string | null;
  session_path: string | null;
  session_name: string | null;
  attempts: string;
  gateway_key_id: string | null;
  cache_hit: number;
  response_id: string | null;
  prompt_id: string | null;
  prompt_version: string | null;
}

export const isoTime = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function parseBody(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface RowOptions {
  /** Inline request and response bodies (else null, with signed_body_url to fetch them). */
  includeBodies: boolean;
  /** The signed link to a request's bodies. */
  bodyUrl: (requestId: string) => string;
}

export interface PageQuery {
  where: CompiledSql;
  orderBy: CompiledSql;
  limit: number;
  offset: number;
}

export async function selectRequestRows(db: SqlClient, page: PageQuery, options: RowOptions): Promise<HeliconeRequestRow[]> {
  const rows = await db.all<StoredRequest>(`SELECT r.* FROM requests r WHERE ${page.where.sql} ORDER BY ${page.orderBy.sql} LIMIT ? OFFSET ?`, [
    ...page.where.params,
    ...page.orderBy.params,
    page.limit,
    page.offset,
  ]);
  return toHeliconeRows(db, rows, options);
}

export async function selectRequestRowsByIds(db: SqlClient, ids: string[], options: RowOptions): Promise<HeliconeRequestRow[]> {
  const inIds = db.dialect.inList(raw('r.request_id'), ids);
  const rows = await db.all<StoredRequest>(`SELECT r.* FROM requests r WHERE ${inIds.sql} ORDER BY r.request_created_at DESC, r.request_id DESC`, inIds.params);
  return toHeliconeRows(db, rows, options);
}

function groupByRequest<T extends { request_id: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.request_id);
    if (group) group.push(row);
    else groups.set(row.request_id, [row]);
  }
  return groups;
}

async function toHeliconeRows(db: SqlClient, rows: StoredRequest[], options: RowOptions): Promise<HeliconeRequestRow[]> {
  if (rows.length === 0) return [];
  const ofRows = db.dialect.inList(raw('request_id'), rows.map((row) => row.request_id));
  const properties = groupByRequest(
    await db.all<{ request_id: string; key: string; value: string }>(`SELECT request_id, key, value FROM request_properties WHERE ${ofRows.sql}`, ofRows.params),
  );
  const scores = groupByRequest(
    await db.all<{ request_id: string; key: string; value: number; created_at: number }>(
      `SELECT request_id, key, value, created_at FROM request_scores WHERE ${ofRows.sql}`,
      ofRows.params,
    ),
  );
  const bodies = options.includeBodies
    ? new Map(
        (
          await db.all<{ request_id: string; request_body: string | null; response_body: string | null }>(
            `SELECT request_id, request_body, response_body FROM request_bodies WHERE ${ofRows.sql}`,
            ofRows.params,
          )
        ).map((row) => [row.request_id, row]),
      )
    : undefined;

  return rows.map((row) => {
    const props: Record<string, string> = {};
    for (const { key, value } of properties.get(row.request_id) ?? []) props[key] = value;
    // Helicone keeps the session headers among the properties.
    if (row.session_id !== null) props['Helicone-Session-Id'] = row.session_id;
    if (row.session_path !== null) props['Helicone-Session-Path'] = row.session_path;
    if (row.session_name !== null) props['Helicone-Session-Name'] = row.session_name;
    const rowScores: Record<string, number> = {};
    let feedback: { value: number; created_at: number } | undefined;
    for (const score of scores.get(row.request_id) ?? []) {
      rowScores[score.key] = score.value;
      if (score.key === FEEDBACK_SCORE_KEY) feedback = score;
    }
    const body = bodies?.get(row.request_id);
    const responseBody = parseBody(body?.response_body);
    return {
      request_id: row.request_id,
      request_created_at: isoTime(row.request_created_at)!,
      request_body: options.includeBodies ? parseBody(body?.request_body) : null,
      request_path: row.request_path,
      request_user_id: row.user_id,
      request_properties: props,
      request_model: row.request_model,
      model_override: row.model_override,
      helicone_user: row.gateway_key_id,
      provider: row.provider ?? 'CUSTOM',
      response_id: row.response_id,
      response_created_at: isoTime(row.response_created_at),
      response_body: options.includeBodies ? responseBody : null,
      response_status: row.status,
      response_model: row.response_model,
      delay_ms: row.latency_ms,
      time_to_first_token: row.time_to_first_token_ms,
      total_tokens: row.total_tokens,
      prompt_tokens: row.prompt_tokens,
      completion_tokens: row.completion_tokens,
      reasoning_tokens: row.reasoning_tokens,
      prompt_cache_write_tokens: row.prompt_cache_write_tokens,
      prompt_cache_read_tokens: row.prompt_cache_read_tokens,
      prompt_audio_tokens: null,
      completion_audio_tokens: null,
      cost: row.cost_usd,
      costUSD: row.cost_usd,
      prompt_id: row.prompt_id,
      prompt_version: row.prompt_version,
      feedback_created_at: feedback ? isoTime(feedback.created_at) : null,
      feedback_id: feedback ? `${row.request_id}:${FEEDBACK_SCORE_KEY}` : null,
      feedback_rating: feedback ? feedback.value === 1 : null,
      signed_body_url: options.bodyUrl(row.request_id),
      llmSchema: null,
      country_code: null,
      asset_ids: null,
      asset_urls: null,
      scores: rowScores,
      properties: props,
      assets: [],
      target_url: row.target_url ?? '',
      model: row.model ?? '',
      cache_reference_id: row.cache_hit ? row.request_id : notCached,
      cache_enabled: row.cache_hit === 1,
      ai_gateway_body_mapping: 'OPENAI',
      storage_location: db.dialect.name,
      error_message: row.error_message,
      attempts: JSON.parse(row.attempts) as AttemptLog[],
    };
  });
}
