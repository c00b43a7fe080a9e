/**
 * Writes log records into the requests tables: one transaction a batch, all rows or none. Used by
 * the store itself and by the log writer thread, each on its own connection.
 */
import type Database from 'better-sqlite3';
import type { LogRecord } from '../log/log-record.js';

export class RequestWriter {
  private readonly insertRequest: Database.Statement;
  private readonly insertProperty: Database.Statement;
  private readonly insertBodies: Database.Statement;
  private readonly insertPromptInputs: Database.Statement;
  readonly writeBatch: (records: LogRecord[]) => void;

  constructor(db: Database.Database) {
    this.insertRequest = db.prepare(`
      INSERT INTO requests (
        request_id, request_created_at, response_created_at, latency_ms, time_to_first_token_ms, status,
        error_message, provider, request_path, target_url, request_model, response_model, model_override, model,
        is_stream, prompt_tokens, completion_tokens, total_tokens, prompt_cache_read_tokens,
        prompt_cache_write_tokens, reasoning_tokens, cost_usd, user_id, session_id, session_path, session_name,
        attempts, gateway_key_id, response_id, cache_hit, cost_saved_usd, prompt_id, prompt_version
      ) VALUES (
        @requestId, @createdAt, @responseCreatedAt, @latencyMs, @timeToFirstTokenMs, @status,
        @errorMessage, @provider, @path, @targetUrl, @requestModel, @responseModel, @modelOverride, @model,
        @stream, @promptTokens, @completionTokens, @totalTokens, @cacheReadTokens,
        @cacheWriteTokens, @reasoningTokens, @costUsd, @userId, @sessionId, @sessionPath, @sessionName,
        @attempts, @gatewayKeyId, @responseId, @cacheHit, @costSavedUsd, @promptId, @promptVersion
      )`);
    this.insertProperty = db.prepare('INSERT INTO request_properties (request_id, key, value) VALUES (?, ?, ?)');
    this.insertBodies = db.prepare('INSERT INTO request_bodies (request_id, request_body, response_body) VALUES (?, ?, ?)');
    this.insertPromptInputs = db.prepare('INSERT INTO prompt_inputs (request_id, version_id, inputs) VALUES (?, ?, ?)');
    this.writeBatch = db.transaction((records: LogRecord[]) => {
      for (const record of records) this.writeOne(record);
    });
  }

  private writeOne(record: LogRecord): void {
    const usage = record.usage;
    this.insertRequest.run({
      ...record,
      stream: record.stream ? 1 : 0,
      model: record.modelOverride ?? record.responseModel ?? record.requestModel,
      promptTokens: usage?.promptTokens ?? null,
      completionTokens: usage?.completionTokens ?? null,
      totalTokens: usage?.totalTokens ?? null,
      cacheReadTokens: usage?.cacheReadTokens ?? null,
      cacheWriteTokens: usage?.cacheWriteTokens ?? null,
      reasoningTokens: usage?.reasoningTokens ?? null,
      attempts: JSON.stringify(record.attempts),
      cacheHit: record.cacheHit ? 1 : 0,
      costSavedUsd: record.costSavedUsd ?? null,
      promptId: record.promptId ?? null,
      promptVersion: record.promptVersion ?? null,
    });
    for (const [key, value] of Object.entries(record.properties)) this.insertProperty.run(record.requestId, key, value);
    if (record.requestBody !== null || record.responseBody !== null) {
      this.insertBodies.run(record.requestId, record.requestBody, record.responseBody);
    }
    if (record.promptVersion && record.promptInputs) {
      this.insertPromptInputs.run(record.requestId, record.promptVersion, JSON.stringify(record.promptInputs));
    }
  }
}
