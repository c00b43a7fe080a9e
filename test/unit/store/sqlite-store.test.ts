import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../gateway/src/log/log-record.js';
import { migrations } from '../../../gateway/src/store/migrations.js';
import { SqliteStore } from '../../../gateway/src/store/sqlite-store.js';

const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-store-'));
  dirs.push(dir);
  return join(dir, 'nested', 'switchyard.db');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const record = (requestId: string, overrides: Partial<LogRecord> = {}): LogRecord => ({
  requestId,
  createdAt: 1_700_000_000_000,
  responseCreatedAt: 1_700_000_000_250,
  latencyMs: 250,
  timeToFirstTokenMs: null,
  status: 200,
  errorMessage: null,
  provider: 'openai',
  path: '/v1/chat/completions',
  targetUrl: 'https://api.openai.com/v1/chat/completions',
  requestModel: 'gpt-4o-mini',
  responseModel: 'gpt-4o-mini-2024-07-18',
  responseId: null,
  modelOverride: null,
  stream: false,
  usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15, cacheReadTokens: 2, cacheWriteTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 0 },
  costUsd: 0.0000045,
  userId: 'u1',
  sessionId: 's1',
  sessionPath: '/a',
  sessionName: 'S',
  properties: { Environment: 'test' },
  requestBody: '{"model":"gpt-4o-mini"}',
  responseBody: null,
  attempts: [{ source: 'gpt-4o-mini/openai', provider: 'openai', status: 200, durationMs: 240 }],
  gatewayKeyId: null,
  ...overrides,
});

describe('SqliteStore', () => {
  it('creates the file and its folder, applies every migration once, and reopens without reapplying', () => {
    const path = tempDb();
    const store = new SqliteStore(path);
    expect(store.schemaVersion).toBe(migrations[migrations.length - 1]!.version);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
    const reopened = new SqliteStore(path);
    expect(reopened.schemaVersion).toBe(migrations[migrations.length - 1]!.version);
    reopened.close();
  });

  it('writes a batch with properties and bodies, and the effective model', async () => {
    const store = new SqliteStore(tempDb());
    await store.writeBatch([record('r1'), record('r2', { modelOverride: 'gpt-4o', requestBody: null })]);
    expect(await store.hasRequest('r1')).toBe(true);
    expect(await store.hasRequest('nope')).toBe(false);
    const rows = store.db.prepare('SELECT request_id, model, prompt_cache_read_tokens, cost_usd FROM requests ORDER BY request_id').all();
    expect(rows).toEqual([
      { request_id: 'r1', model: 'gpt-4o-mini-2024-07-18', prompt_cache_read_tokens: 2, cost_usd: 0.0000045 },
      { request_id: 'r2', model: 'gpt-4o', prompt_cache_read_tokens: 2, cost_usd: 0.0000045 },
    ]);
    expect(store.db.prepare('SELECT key, value FROM request_properties WHERE request_id = ?').all('r1')).toEqual([{ key: 'Environment', value: 'test' }]);
    expect(store.db.prepare('SELECT COUNT(*) FROM request_bodies').pluck().get()).toBe(1);
    store.close();
  });

  it('writes a batch all or nothing', async () => {
    const store = new SqliteStore(tempDb());
    await store.writeBatch([record('r1')]);
    await expect(store.writeBatch([record('r2'), record('r1')])).rejects.toThrow(/UNIQUE/);
    expect(await store.hasRequest('r2')).toBe(false);
    store.close();
  });
});
