import { describe, expect, it } from 'vitest';
import { manualLogToRecord } from '../../../gateway/src/manual-log/index.js';
import { payload } from './helpers.js';

const options = { path: '/custom/v1/log', now: 1_700_000_000_000 };

describe('manualLogToRecord: _type events', () => {
  it('tool: model "tool:<toolName>", provider "tool", no tokens, no cost', () => {
    const request = { _type: 'tool', toolName: 'calculator', input: { expression: '2 + 2' } };
    const response = { result: 4, _type: 'tool', toolName: 'calculator' };
    const record = manualLogToRecord(payload({ request: { json: request }, response: { json: response } }), {}, undefined, options);
    expect(record).toMatchObject({
      requestModel: 'tool:calculator',
      responseModel: null,
      provider: 'tool',
      usage: null,
      costUsd: null,
      status: 200,
      stream: false,
      requestBody: JSON.stringify(request),
      responseBody: JSON.stringify(response),
    });
  });

  it('tool: a usage-looking field in the tool result is not read as tokens', () => {
    const record = manualLogToRecord(
      payload({ request: { json: { _type: 'tool', toolName: 'billing', input: {} } }, response: { json: { usage: { prompt_tokens: 9, completion_tokens: 9 } } } }),
      {},
      undefined,
      options,
    );
    expect(record.usage).toBeNull();
    expect(record.costUsd).toBeNull();
  });

  it('vector_db: model and provider "vector_db"', () => {
    const request = { _type: 'vector_db', operation: 'search', text: 'How to make pasta', topK: 3, databaseName: 'recipes' };
    const record = manualLogToRecord(
      payload({ request: { json: request }, response: { json: { _type: 'vector_db', results: [{ id: 'r1', score: 0.9 }] } } }),
      {},
      undefined,
      options,
    );
    expect(record).toMatchObject({ requestModel: 'vector_db', provider: 'vector_db', usage: null, costUsd: null });
    expect(JSON.parse(record.requestBody!)).toEqual(request);
  });

  it('data: model "data:<name>", provider "data"', () => {
    const request = { _type: 'data', name: 'user_query', query: 'SELECT 1', database: 'production' };
    const record = manualLogToRecord(
      payload({ request: { json: request }, response: { json: { _type: 'data', name: 'user_query', status: 'success', rows: 1 } } }),
      {},
      undefined,
      options,
    );
    expect(record).toMatchObject({ requestModel: 'data:user_query', provider: 'data', usage: null, costUsd: null });
  });

  it('an explicit string model in the request JSON wins', () => {
    const record = manualLogToRecord(payload({ request: { json: { _type: 'tool', toolName: 'search', model: 'web-search-v2' } } }), {}, undefined, options);
    expect(record.requestModel).toBe('web-search-v2');
  });

  it('an event known only from the response JSON', () => {
    const record = manualLogToRecord(
      payload({ request: { json: { input: 'q' } }, response: { json: { _type: 'tool', toolName: 'lookup', result: 'a' } } }),
      {},
      undefined,
      options,
    );
    expect(record).toMatchObject({ requestModel: 'tool:lookup', provider: 'tool' });
  });

  it('an unknown _type is an ordinary request', () => {
    const record = manualLogToRecord(
      payload({ request: { json: { _type: 'message', model: 'gpt-4o-mini' } }, response: { json: { usage: { prompt_tokens: 1, completion_tokens: 1 } } } }),
      {},
      undefined,
      options,
    );
    expect(record).toMatchObject({ requestModel: 'gpt-4o-mini', provider: null });
    expect(record.usage?.totalTokens).toBe(2);
  });
});
