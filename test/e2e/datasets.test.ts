/**
 * Datasets end to end (rest-api-spec DS1–DS3, §4.10): requests made through a real gateway with
 * the openai SDK and the mock model, gathered into datasets by id and by a Helicone filter,
 * queried, trimmed and deleted; the JSONL export holds exactly the chosen chat requests, each in
 * OpenAI's fine-tuning shape, and leaves out failed and non-chat ones; bad input is a 4xx naming
 * the field.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { collectStream, gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { gw } = await gatewayWithFakeProviders();

interface Envelope<T> {
  data: T;
  error: string | null;
}
interface Dataset {
  id: string;
  datasetId?: string;
  name: string;
  description: string;
  requests_count: number;
  created_at: string;
  updated_at: string;
}
interface DatasetRow {
  id: string;
  dataset_id: string;
  origin_request_id: string;
  fine_tune_skip_reason: string | null;
  request: { request_id: string; response_status: number; request_body: unknown } | null;
}

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: Envelope<T> }> {
  const response = await fetch(`${gw.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Envelope<T> };
}

async function ok<T>(method: string, path: string, body?: unknown): Promise<T> {
  const answer = await api<T>(method, path, body);
  expect(answer.body.error, `${method} ${path}`).toBeNull();
  expect(answer.status).toBe(200);
  return answer.body.data;
}

async function exportText(datasetId: string, format = 'jsonl'): Promise<{ status: number; contentType: string; text: string }> {
  const response = await fetch(`${gw.url}/v1/helicone-dataset/${datasetId}/export?format=${format}`);
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

const jsonLines = (text: string) => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { messages: Array<Record<string, unknown>>; tools?: unknown[] });

const openai = gw.client();
const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'The weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

/** One chat request through the mock model, with a known request id and a topic property. */
async function chat(topic: string, messages: Array<{ role: 'system' | 'user'; content: string }>, extra: { stream?: boolean; tools?: boolean } = {}): Promise<string> {
  const id = randomUUID();
  const headers = { 'Helicone-Request-Id': id, 'Helicone-Property-Topic': topic };
  if (extra.stream) {
    await collectStream(await openai.chat.completions.create({ model: 'mock', messages, stream: true }, { headers }));
  } else {
    await openai.chat.completions.create({ model: 'mock', messages, ...(extra.tools ? { tools: [weatherTool] } : {}) }, { headers });
  }
  return id;
}

const geoSystem = { role: 'system' as const, content: 'You answer in one word.' };
const paris = await chat('geo', [geoSystem, { role: 'user', content: 'Capital of France? mock:reply=Paris' }]);
const math = await chat('math', [{ role: 'user', content: 'Two plus two? mock:reply=Four' }]);
const rome = await chat('geo', [{ role: 'user', content: 'Capital of Italy? mock:reply=Rome' }], { stream: true });
const weather = await chat('tools', [{ role: 'user', content: 'Weather in Oslo? mock:arg=Oslo' }], { tools: true });
// A failed request and a Responses API one: logged, but no fine-tuning example.
const failed = randomUUID();
await expect(
  openai.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: 'Capital of Spain? mock:error=500' }] }, { headers: { 'Helicone-Request-Id': failed, 'Helicone-Property-Topic': 'geo' } }),
).rejects.toThrow();
const responsesApi = randomUUID();
await openai.responses.create({ model: 'mock', input: 'Capital of Peru? mock:reply=Lima' }, { headers: { 'Helicone-Request-Id': responsesApi, 'Helicone-Property-Topic': 'geo' } });
await gw.gateway.logQueue.flush();

describe('a dataset built from chosen requests', () => {
  it('is created, filled by id, and exports exactly those requests as fine-tuning lines', async () => {
    const created = await ok<Dataset>('POST', '/v1/helicone-dataset', { name: 'Support examples', description: 'chosen by hand' });
    expect(created).toMatchObject({ name: 'Support examples', description: 'chosen by hand', requests_count: 0, datasetId: created.id });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

    // Helicone's documented call, one request at a time; then ours, several at once (a repeat is no new row).
    expect(await ok('POST', `/v1/helicone-dataset/${created.id}/request/${paris}`)).toBeNull();
    expect(await ok('POST', `/v1/helicone-dataset/${created.id}/requests`, { requestIds: [rome, weather, paris.toUpperCase()] })).toEqual({ matched: 3, added: 2, requests_count: 3 });
    expect(await ok('POST', `/v1/helicone-dataset/${created.id}/count`)).toBe(3);

    const exported = await exportText(created.id);
    expect(exported.status).toBe(200);
    expect(exported.contentType).toMatch(/^application\/jsonl/);
    const lines = jsonLines(exported.text);
    expect(lines).toHaveLength(3);
    // In the order the requests were made.
    expect(lines[0]).toEqual({ messages: [geoSystem, { role: 'user', content: 'Capital of France? mock:reply=Paris' }, { role: 'assistant', content: 'Paris' }] });
    expect(lines[1]).toEqual({ messages: [{ role: 'user', content: 'Capital of Italy? mock:reply=Rome' }, { role: 'assistant', content: 'Rome' }] });
    expect(lines[2]!.tools).toEqual([weatherTool]);
    expect(lines[2]!.messages.slice(0, 1)).toEqual([{ role: 'user', content: 'Weather in Oslo? mock:arg=Oslo' }]);
    const answer = lines[2]!.messages[1] as { role: string; content?: unknown; tool_calls: Array<{ type: string; function: { name: string; arguments: string } }> };
    expect(answer.role).toBe('assistant');
    expect(answer.content).toBeUndefined();
    expect(answer.tool_calls[0]).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(answer.tool_calls[0]!.function.arguments)).toEqual({ city: 'Oslo' });

    const rows = await ok<DatasetRow[]>('POST', `/v1/helicone-dataset/${created.id}/query`, { limit: 100, offset: 0 });
    expect(rows.map((row) => row.origin_request_id)).toEqual([paris, rome, weather]);
    expect(rows.every((row) => row.dataset_id === created.id && row.fine_tune_skip_reason === null && row.request?.request_id === row.origin_request_id)).toBe(true);
    // Paging.
    expect((await ok<DatasetRow[]>('POST', `/v1/helicone-dataset/${created.id}/query`, { limit: 1, offset: 1 })).map((row) => row.origin_request_id)).toEqual([rome]);
  });

  it('exports CSV with the documented columns, one line per row', async () => {
    const { id } = await ok<Dataset>('POST', '/v1/helicone-dataset', { datasetName: 'csv', requestIds: [paris, math] });
    const exported = await exportText(id, 'csv');
    expect(exported.contentType).toMatch(/^text\/csv/);
    const lines = exported.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('request_id,created_at,model,prompt_tokens,completion_tokens,cost,user_message,assistant_response');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^${paris},.*,Capital of France\\? mock:reply=Paris,Paris$`));
    expect(lines[2]).toMatch(new RegExp(`^${math},.*,Two plus two\\? mock:reply=Four,Four$`));
  });
});

describe('a dataset built by a filter', () => {
  it('takes exactly the rows the filter picks, and its export leaves out failed and non-chat requests', async () => {
    const { id } = await ok<Dataset>('POST', '/v1/helicone-dataset', { name: 'geo' });
    const filter = { request_response_rmt: { properties: { Topic: { equals: 'geo' } } } };
    expect(await ok('POST', `/v1/helicone-dataset/${id}/requests`, { filter })).toEqual({ matched: 4, added: 4, requests_count: 4 });
    const rows = await ok<DatasetRow[]>('POST', `/v1/helicone-dataset/${id}/query`, {});
    expect(rows.map((row) => row.origin_request_id)).toEqual([paris, rome, failed, responsesApi]);
    const reasons = Object.fromEntries(rows.map((row) => [row.origin_request_id, row.fine_tune_skip_reason]));
    expect(reasons[paris]).toBeNull();
    expect(reasons[failed]).toMatch(/failed \(status 500\)/);
    expect(reasons[responsesApi]).toMatch(/not a chat completion/);

    const lines = jsonLines((await exportText(id)).text);
    expect(lines.map((line) => (line.messages.at(-1) as { content: string }).content)).toEqual(['Paris', 'Rome']);

    // A branch: geo OR math, newest first up to the limit: the two newest matches.
    const { id: two } = await ok<Dataset>('POST', '/v1/helicone-dataset', { name: 'two' });
    const either = { left: filter, operator: 'or', right: { request_response_rmt: { properties: { Topic: { equals: 'math' } } } } };
    expect(await ok('POST', `/v1/helicone-dataset/${two}/requests`, { filter: either, limit: 2 })).toMatchObject({ matched: 2, added: 2 });
    expect((await ok<DatasetRow[]>('POST', `/v1/helicone-dataset/${two}/query`, {})).map((row) => row.origin_request_id)).toEqual([failed, responsesApi]);
  });

  it('rows are removed one at a time, in bulk or by mutate, and a deleted dataset is gone', async () => {
    const { id } = await ok<Dataset>('POST', '/v1/helicone-dataset', { name: 'trim', requestIds: [paris, math, rome, weather] });
    expect(await ok('DELETE', `/v1/helicone-dataset/${id}/request/${math}`)).toBeNull();
    expect((await api('DELETE', `/v1/helicone-dataset/${id}/request/${math}`)).status).toBe(404);
    expect(await ok('POST', `/v1/helicone-dataset/${id}/requests/remove`, { requestIds: [rome, math] })).toEqual({ removed: 1 });
    expect(await ok('POST', `/v1/helicone-dataset/${id}/mutate`, { addRequests: [math], removeRequests: [weather] })).toEqual({ added: 1, removed: 1 });
    expect(jsonLines((await exportText(id)).text).map((line) => (line.messages.at(-1) as { content: string }).content)).toEqual(['Paris', 'Four']);

    const listed = await ok<Dataset[]>('POST', '/v1/helicone-dataset/query', { datasetIds: [id] });
    expect(listed).toEqual([expect.objectContaining({ id, name: 'trim', requests_count: 2 })]);
    expect(await ok('DELETE', `/v1/helicone-dataset/${id}`)).toBeNull();
    expect((await api('GET', `/v1/helicone-dataset/${id}`)).status).toBe(404);
    expect(await ok('POST', '/v1/helicone-dataset/query', { datasetIds: [id] })).toEqual([]);
    expect((await api('POST', `/v1/helicone-dataset/${id}/delete`)).status).toBe(404);
    expect((await exportText(id)).status).toBe(404);
    // The logged requests stay.
    expect((await api('GET', `/v1/request/${math}`)).status).toBe(200);
  });
});

describe('bad input is a 4xx naming the field, never a 500', () => {
  it.each([
    ['POST', '/v1/helicone-dataset', {}, 400, /"name"/],
    ['POST', '/v1/helicone-dataset', { name: '' }, 400, /"name"/],
    ['POST', '/v1/helicone-dataset', { name: 'x', requestIds: ['nope'] }, 400, /"requestIds\[0\]"/],
    ['POST', '/v1/helicone-dataset', { name: 'x', colour: 'red' }, 400, /unknown field "colour"/],
    ['POST', '/v1/helicone-dataset', { name: 'x', datasetType: 'experiment' }, 400, /"datasetType"/],
    ['POST', '/v1/helicone-dataset', { name: 'x', requestIds: [randomUUID()] }, 404, /Request not found/],
    ['POST', '/v1/helicone-dataset/query', { limit: 5000 }, 400, /"limit"/],
  ])('%s %s %j', async (method, path, body, status, message) => {
    const answer = await api(method, path, body);
    expect(answer.status).toBe(status);
    expect(answer.body.data).toBeNull();
    expect(answer.body.error).toMatch(message);
  });

  it('on a dataset’s routes', async () => {
    const { id } = await ok<Dataset>('POST', '/v1/helicone-dataset', { name: 'errors' });
    const cases: Array<[string, string, unknown, number, RegExp]> = [
      ['POST', `/v1/helicone-dataset/${id}/requests`, {}, 400, /"requestIds".*either requestIds or filter/],
      ['POST', `/v1/helicone-dataset/${id}/requests`, { requestIds: [paris], filter: 'all' }, 400, /either requestIds or filter/],
      ['POST', `/v1/helicone-dataset/${id}/requests`, { filter: { request_response_rmt: { nope: { equals: 1 } } } }, 400, /nope/],
      ['POST', `/v1/helicone-dataset/${id}/requests`, { filter: { sessions_request_response_rmt: {} } }, 400, /sessions_request_response_rmt/],
      ['POST', `/v1/helicone-dataset/${id}/requests`, { filter: 'all', limit: 10_001 }, 400, /"limit"/],
      ['POST', `/v1/helicone-dataset/${id}/requests`, { requestIds: [paris, randomUUID()] }, 404, /not found.*nothing was added/],
      ['POST', `/v1/helicone-dataset/${id}/request/not-a-uuid`, undefined, 400, /requestId/],
      ['POST', `/v1/helicone-dataset/${id}/request/${randomUUID()}`, undefined, 404, /Request not found/],
      ['POST', `/v1/helicone-dataset/${id}/mutate`, { addRequests: 'x' }, 400, /"addRequests"/],
      ['POST', `/v1/helicone-dataset/${id}/query`, { offset: -1 }, 400, /"offset"/],
      ['POST', `/v1/helicone-dataset/${randomUUID()}/requests`, { requestIds: [paris] }, 404, /Dataset not found/],
      ['POST', `/v1/helicone-dataset/nope/query`, {}, 404, /Dataset not found/],
      ['GET', `/v1/helicone-dataset/${id}/export?format=xml`, undefined, 400, /"format"/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const answer = await api(method, path, body);
      expect(answer.status, `${method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(answer.body)}`).toBe(status);
      expect(answer.body.error).toMatch(message);
    }
    // Nothing was added by the refused calls.
    expect(await ok('POST', `/v1/helicone-dataset/${id}/count`)).toBe(0);
  });
});
