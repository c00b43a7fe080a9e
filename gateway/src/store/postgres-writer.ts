/**
 * Writes a batch of log records into PostgreSQL in one transaction with one statement a table:
 * each column goes as one array parameter and `unnest` turns the arrays back into rows, so a batch
 * of thousands costs four round trips, not thousands. PostgreSQL text cannot hold U+0000, which a
 * raw (non-JSON) body or a header may carry: it is stored as U+FFFD rather than refused.
 */
import type { LogRecord } from '../log/log-record.js';
import type { SqlClient } from './sql-client.js';
import { type Bindable, requestColumns } from './request-writer.js';

/** PostgreSQL array types of the requests columns (postgres-migrations.ts), by name. */
const columnTypes: Readonly<Record<string, string>> = {
  request_created_at: 'bigint',
  response_created_at: 'bigint',
  latency_ms: 'bigint',
  time_to_first_token_ms: 'bigint',
  status: 'integer',
  is_stream: 'integer',
  prompt_tokens: 'bigint',
  completion_tokens: 'bigint',
  total_tokens: 'bigint',
  prompt_cache_read_tokens: 'bigint',
  prompt_cache_write_tokens: 'bigint',
  reasoning_tokens: 'bigint',
  cost_usd: 'double precision',
  cache_hit: 'integer',
  cost_saved_usd: 'double precision',
};

const typeOf = (column: string): string => columnTypes[column] ?? 'text';

/** INSERT … SELECT * FROM unnest(?::type[], …) for the named columns. */
const unnestInsert = (table: string, columns: readonly string[]): string =>
  `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${columns.map((column) => `?::${typeOf(column)}[]`).join(', ')})`;

const insertRequests = unnestInsert(
  'requests',
  requestColumns.map(([name]) => name),
);
const insertProperties = unnestInsert('request_properties', ['request_id', 'key', 'value']);
const insertBodies = unnestInsert('request_bodies', ['request_id', 'request_body', 'response_body']);
const insertPromptInputs = unnestInsert('prompt_inputs', ['request_id', 'version_id', 'inputs']);

export async function writePostgresBatch(db: SqlClient, records: LogRecord[]): Promise<void> {
  const requests: Bindable[][] = requestColumns.map(() => []);
  const properties: Bindable[][] = [[], [], []];
  const bodies: Bindable[][] = [[], [], []];
  const inputs: Bindable[][] = [[], [], []];
  for (const record of records) {
    requestColumns.forEach(([, value], index) => requests[index]!.push(storable(value(record))));
    for (const [key, value] of Object.entries(record.properties)) push(properties, record.requestId, key, value);
    if (record.requestBody !== null || record.responseBody !== null) push(bodies, record.requestId, record.requestBody, record.responseBody);
    if (record.promptVersion && record.promptInputs) push(inputs, record.requestId, record.promptVersion, JSON.stringify(record.promptInputs));
  }
  await db.transaction(async (tx) => {
    await tx.run(insertRequests, requests);
    if (properties[0]!.length > 0) await tx.run(insertProperties, properties);
    if (bodies[0]!.length > 0) await tx.run(insertBodies, bodies);
    if (inputs[0]!.length > 0) await tx.run(insertPromptInputs, inputs);
  });
}

function push(columns: Bindable[][], ...values: Bindable[]): void {
  values.forEach((value, index) => columns[index]!.push(storable(value)));
}

const storable = (value: Bindable): Bindable => (typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value);
