/**
 * Writes log records into the SQLite requests tables: one transaction a batch, all rows or none.
 * Used by the store itself and by the log writer thread, each on its own connection. The column
 * list is shared with the PostgreSQL writer.
 */
import type Database from 'better-sqlite3';
import type { LogRecord } from '../log/log-record.js';

export type Bindable = string | number | null;

/** The requests row, column by column: bound by position, which costs less than by name. */
export const requestColumns: ReadonlyArray<readonly [string, (record: LogRecord) => Bindable]> = [
  ['request_id', (r) => r.requestId],
  ['request_created_at', (r) => r.createdAt],
  ['response_created_at', (r) => r.responseCreatedAt],
  ['latency_ms', (r) => r.latencyMs],
  ['time_to_first_token_ms', (r) => r.timeToFirstTokenMs],
  ['status', (r) => r.status],
  ['error_message', (r) => r.errorMessage],
  ['provider', (r) => r.provider],
  ['request_path', (r) => r.path],
  ['target_url', (r) => r.targetUrl],
  ['request_model', (r) => r.requestModel],
  ['response_model', (r) => r.responseModel],
  ['model_override', (r) => r.modelOverride],
  ['model', (r) => r.modelOverride ?? r.responseModel ?? r.requestModel],
  ['is_stream', (r) => (r.stream ? 1 : 0)],
  ['prompt_tokens', (r) => r.usage?.promptTokens ?? null],
  ['completion_tokens', (r) => r.usage?.completionTokens ?? null],
  ['total_tokens', (r) => r.usage?.totalTokens ?? null],
  ['prompt_cache_read_tokens', (r) => r.usage?.cacheReadTokens ?? null],
  ['prompt_cache_write_tokens', (r) => r.usage?.cacheWriteTokens ?? null],
  ['reasoning_tokens', (r) => r.usage?.reasoningTokens ?? null],
  ['cost_usd', (r) => r.costUsd],
  ['user_id', (r) => r.userId],
  ['session_id', (r) => r.sessionId],
  ['session_path', (r) => r.sessionPath],
  ['session_name', (r) => r.sessionName],
  ['attempts', (r) => JSON.stringify(r.attempts)],
  ['gateway_key_id', (r) => r.gatewayKeyId],
  ['response_id', (r) => r.responseId],
  ['cache_hit', (r) => (r.cacheHit ? 1 : 0)],
  ['cost_saved_usd', (r) => r.costSavedUsd ?? null],
  ['prompt_id', (r) => r.promptId ?? null],
  ['prompt_version', (r) => r.promptVersion ?? null],
];

export class RequestWriter {
  private readonly insertRequest: Database.Statement;
  private readonly insertProperty: Database.Statement;
  private readonly insertBodies: Database.Statement;
  private readonly insertPromptInputs: Database.Statement;
  readonly writeBatch: (records: LogRecord[]) => void;

  constructor(db: Database.Database) {
    this.insertRequest = db.prepare(`INSERT INTO requests (${requestColumns.map(([name]) => name).join(', ')}) VALUES (${requestColumns.map(() => '?').join(', ')})`);
    this.insertProperty = db.prepare('INSERT INTO request_properties (request_id, key, value) VALUES (?, ?, ?)');
    this.insertBodies = db.prepare('INSERT INTO request_bodies (request_id, request_body, response_body) VALUES (?, ?, ?)');
    this.insertPromptInputs = db.prepare('INSERT INTO prompt_inputs (request_id, version_id, inputs) VALUES (?, ?, ?)');
    this.writeBatch = db.transaction((records: LogRecord[]) => {
      for (const record of records) this.writeOne(record);
    });
  }

  private writeOne(record: LogRecord): void {
    this.insertRequest.run(requestColumns.map(([, value]) => value(record)));
    for (const [key, value] of Object.entries(record.properties)) this.insertProperty.run(record.requestId, key, value);
    if (record.requestBody !== null || record.responseBody !== null) {
      this.insertBodies.run(record.requestId, record.requestBody, record.responseBody);
    }
    if (record.promptVersion && record.promptInputs) {
      this.insertPromptInputs.run(record.requestId, record.promptVersion, JSON.stringify(record.promptInputs));
    }
  }
}
