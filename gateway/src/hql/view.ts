/**
 * `request_response_rmt`: the one table HQL reads, named and shaped as Helicone's (rest-api-spec
 * §4.8) where the log has the data. It is not a table in the store: every query runs with it as a
 * common table expression over `requests` and its side tables, so nothing else is in reach.
 */
export const viewName = 'request_response_rmt';

export interface ViewColumn {
  name: string;
  /** The type as the schema endpoint reports it (ClickHouse's names, as Helicone's schema does). */
  type: string;
  comment: string;
  /** The column's SQL over `requests r`, per store. */
  sqlite: string;
  postgres: string;
}

const same = (sql: string) => ({ sqlite: sql, postgres: sql });
/** Epoch milliseconds → 'YYYY-MM-DD HH:MM:SS.SSS' UTC in SQLite (compares with datetime('now', …)), timestamptz in PostgreSQL. */
const time = (column: string) => ({
  sqlite: `strftime('%Y-%m-%d %H:%M:%f', ${column} / 1000.0, 'unixepoch')`,
  postgres: `to_timestamp(${column} / 1000.0)`,
});
/** USD → Helicone's stored unit, USD × 1e9 as an integer; unknown stays NULL. */
const nanoUsd = (column: string) => ({ sqlite: `CAST(round(${column} * 1e9) AS INTEGER)`, postgres: `round(${column} * 1e9)::bigint` });

/** The request's properties with the session headers among them, as Helicone's properties map holds them. */
const propertyPairs = `SELECT p.key AS k, p.value AS v FROM request_properties p WHERE p.request_id = r.request_id
      UNION ALL SELECT 'Helicone-Session-Id', r.session_id WHERE r.session_id IS NOT NULL
      UNION ALL SELECT 'Helicone-Session-Path', r.session_path WHERE r.session_path IS NOT NULL
      UNION ALL SELECT 'Helicone-Session-Name', r.session_name WHERE r.session_name IS NOT NULL`;

export const viewColumns: ViewColumn[] = [
  { name: 'request_id', type: 'String', comment: 'The request id (a UUID)', ...same('r.request_id') },
  { name: 'request_created_at', type: 'DateTime64(3)', comment: "When the request arrived, UTC: text 'YYYY-MM-DD HH:MM:SS.SSS' on SQLite, timestamptz on PostgreSQL", ...time('r.request_created_at') },
  { name: 'request_created_at_ms', type: 'Int64', comment: 'When the request arrived, Unix epoch milliseconds (the same on both stores)', ...same('r.request_created_at') },
  { name: 'response_created_at', type: 'Nullable(DateTime64(3))', comment: 'When the answer ended, as request_created_at', ...time('r.response_created_at') },
  { name: 'response_id', type: 'Nullable(String)', comment: "The provider's response id", ...same('r.response_id') },
  { name: 'latency', type: 'Int64', comment: 'Milliseconds from request to the end of the answer', ...same('r.latency_ms') },
  { name: 'time_to_first_token', type: 'Nullable(Int64)', comment: 'Milliseconds to the first streamed token', ...same('r.time_to_first_token_ms') },
  { name: 'status', type: 'Int64', comment: 'HTTP status answered (-1 or 0 when the request never completed)', ...same('r.status') },
  { name: 'model', type: 'String', comment: 'The model that answered (else the one asked for)', ...same('r.model') },
  { name: 'request_model', type: 'String', comment: 'The model the client asked for', ...same('r.request_model') },
  { name: 'response_model', type: 'Nullable(String)', comment: 'The model named in the answer', ...same('r.response_model') },
  { name: 'provider', type: 'String', comment: 'The provider that answered (openai, anthropic, gemini, azure, mock, …)', ...same('r.provider') },
  { name: 'target_url', type: 'String', comment: 'The upstream URL called', ...same('r.target_url') },
  { name: 'prompt_tokens', type: 'Nullable(Int64)', comment: 'Input tokens', ...same('r.prompt_tokens') },
  { name: 'completion_tokens', type: 'Nullable(Int64)', comment: 'Output tokens', ...same('r.completion_tokens') },
  { name: 'total_tokens', type: 'Nullable(Int64)', comment: 'Input plus output tokens', ...same('r.total_tokens') },
  { name: 'prompt_cache_read_tokens', type: 'Nullable(Int64)', comment: 'Input tokens read from the provider cache', ...same('r.prompt_cache_read_tokens') },
  { name: 'prompt_cache_write_tokens', type: 'Nullable(Int64)', comment: 'Input tokens written to the provider cache', ...same('r.prompt_cache_write_tokens') },
  { name: 'reasoning_tokens', type: 'Nullable(Int64)', comment: 'Reasoning tokens (part of the output)', ...same('r.reasoning_tokens') },
  { name: 'cost', type: 'Nullable(Int64)', comment: 'Cost in USD × 1,000,000,000 (divide by 1e9 for dollars); NULL when the model has no price', ...nanoUsd('r.cost_usd') },
  { name: 'provider_total_cost', type: 'Nullable(Int64)', comment: 'The same as cost (USD × 1e9)', ...nanoUsd('r.cost_usd') },
  { name: 'cache_hit', type: 'UInt8', comment: '1 when answered from the gateway response cache (cost 0), else 0', ...same('r.cache_hit') },
  { name: 'user_id', type: 'Nullable(String)', comment: 'Helicone-User-Id', ...same('r.user_id') },
  { name: 'session_id', type: 'Nullable(String)', comment: 'Helicone-Session-Id', ...same('r.session_id') },
  { name: 'session_path', type: 'Nullable(String)', comment: 'Helicone-Session-Path', ...same('r.session_path') },
  { name: 'session_name', type: 'Nullable(String)', comment: 'Helicone-Session-Name', ...same('r.session_name') },
  {
    name: 'properties',
    type: 'String',
    comment: "Helicone-Property-* headers and the session headers, as a JSON object text: json_extract(properties, '$.\"Helicone-Session-Id\"') on SQLite, properties::jsonb ->> 'Helicone-Session-Id' on PostgreSQL",
    sqlite: `(SELECT json_group_object(k, v) FROM (${propertyPairs}))`,
    postgres: `(SELECT coalesce(json_object_agg(k, v), '{}')::text FROM (${propertyPairs}) pairs)`,
  },
  {
    name: 'scores',
    type: 'String',
    comment: 'Scores and feedback as a JSON object text ({"helicone-score-feedback": 1, …})',
    sqlite: '(SELECT json_group_object(s.key, s.value) FROM request_scores s WHERE s.request_id = r.request_id)',
    postgres: "(SELECT coalesce(json_object_agg(s.key, s.value), '{}')::text FROM request_scores s WHERE s.request_id = r.request_id)",
  },
  { name: 'prompt_id', type: 'Nullable(String)', comment: 'The managed prompt the request expanded', ...same('r.prompt_id') },
  { name: 'prompt_version', type: 'Nullable(String)', comment: "That prompt's version", ...same('r.prompt_version') },
  { name: 'request_body', type: 'String', comment: 'The request body as sent (JSON text)', ...same('(SELECT b.request_body FROM request_bodies b WHERE b.request_id = r.request_id)') },
  { name: 'response_body', type: 'String', comment: 'The response body as received (JSON text; a stream is assembled)', ...same('(SELECT b.response_body FROM request_bodies b WHERE b.request_id = r.request_id)') },
];

export const viewColumnNames = new Set(viewColumns.map((column) => column.name));

/**
 * The view as a common table expression. NOT MATERIALIZED: a query that names the view twice
 * still reads only the columns it uses (the bodies and property maps are per-row subqueries).
 */
export function viewDefinition(dialect: 'sqlite' | 'postgres'): string {
  const columns = viewColumns.map((column) => `${column[dialect]} AS ${column.name}`).join(',\n    ');
  return `${viewName} AS NOT MATERIALIZED (\n  SELECT\n    ${columns}\n  FROM requests r\n)`;
}
