/**
 * Managed prompts end to end: prompts created and versioned through Helicone's /v1/prompt-2025
 * API on a real gateway, then used from the official openai SDK with `prompt_id` and `inputs`;
 * the provider gets the expanded request, the log row names the prompt and its version.
 */
import { describe, expect, it } from 'vitest';
import { createGatewayKey } from '../../gateway/src/auth/gateway-keys.js';
import { GatewayClient } from '../../gateway/src/client/index.js';
import { PromptManager } from '../../integrations/prompts/index.js';
import { apiError, gatewayWithFakeProviders } from '../helpers/gateway-under-test.js';

const { fake, gw } = await gatewayWithFakeProviders();
const { key } = await createGatewayKey(gw.gateway.store, 'prompts');
await gw.gateway.keys.reload();

interface Envelope<T = unknown> {
  data: T;
  error: string | null;
}

async function api<T = unknown>(method: string, path: string, body?: unknown, apiKey: string | null = key): Promise<{ status: number; body: Envelope<T> }> {
  const response = await fetch(`${gw.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Envelope<T> };
}

const openai = gw.client({ apiKey: key });
/** The prompt fields go as extra body fields, as Helicone's docs show. */
const withPrompt = (fields: Record<string, unknown>) => fields as never;

const tripBody = {
  model: 'gpt-4o-mini',
  temperature: 0.6,
  max_tokens: '{{hc:budget:number}}',
  messages: [
    { role: 'system', content: '{{hcp:PARTIAL:0}} Answer in {{hc:language:string}}.' },
    { role: 'user', content: 'Plan {{hc:days:number}} days in {{hc:city:string}}.' },
  ],
};

async function createTripPrompt(): Promise<{ id: string; versionId: string; partialId: string }> {
  const partial = await api<{ id: string }>('POST', '/v1/prompt-2025', { name: 'Travel persona', tags: ['shared'], promptBody: { model: 'mock', messages: [{ role: 'system', content: 'You are a travel agent for {{hc:agency:string}}.' }] } });
  const partialId = partial.body.data.id;
  const created = await api<{ id: string; versionId: string }>('POST', '/v1/prompt-2025', {
    name: 'Trip planner',
    tags: ['travel', 'demo'],
    promptBody: { ...tripBody, messages: tripBody.messages.map((message) => ({ ...message, content: message.content.replace('PARTIAL', partialId) })) },
  });
  expect(created.status).toBe(201);
  return { ...created.body.data, partialId };
}

describe('the prompt API (/v1/prompt-2025)', () => {
  it('needs a gateway key, and answers bad bodies with a 400 naming the field', async () => {
    expect((await api('GET', '/v1/prompt-2025/count', undefined, null)).status).toBe(401);
    expect(await api('POST', '/v1/prompt-2025', { name: 'x', tags: [] })).toEqual({ status: 400, body: { data: null, error: 'Invalid "promptBody": promptBody is required' } });
    expect((await api('POST', '/v1/prompt-2025', { name: 'x', promptBody: { messages: [] } })).body.error).toBe('Invalid "promptBody.model": promptBody.model is required');
    expect((await api('POST', '/v1/prompt-2025/query/environment-version', { promptId: 'abc123', environment: 'two words' })).body.error).toMatch(/^Invalid "environment": environment must not contain spaces/);
    expect((await api('POST', '/v1/prompt-2025/update', { promptId: 'abc123', promptVersionId: 'v', newMajorVersion: 'yes', commitMessage: '', promptBody: { model: 'm' } })).body.error).toBe(
      'Invalid "newMajorVersion": newMajorVersion must be true or false',
    );
  });

  it('creates, versions, deploys, finds, renames, tags and counts prompts with Helicone’s shapes', async () => {
    const { id, versionId } = await createTripPrompt();
    expect(id).toMatch(/^[a-z0-9]{6}$/);

    const production = await api<Record<string, unknown>>('POST', '/v1/prompt-2025/query/production-version', { promptId: id });
    expect(production.body.data).toMatchObject({ id: versionId, model: 'gpt-4o-mini', prompt_id: id, major_version: 1, minor_version: 0, commit_message: '', environment: 'production' });
    expect(production.body.data.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);

    const minor = await api<{ id: string }>('POST', '/v1/prompt-2025/update', {
      promptId: id,
      promptVersionId: versionId,
      newMajorVersion: false,
      environment: 'staging',
      commitMessage: 'Shorter plans',
      promptBody: { model: 'mock', messages: [{ role: 'user', content: 'Staging: {{hc:days:number}} days in {{hc:city:string}}' }] },
    });
    const major = await api<{ id: string }>('POST', '/v1/prompt-2025/update', { promptId: id, promptVersionId: versionId, newMajorVersion: true, commitMessage: 'v2', promptBody: { model: 'mock' } });
    expect(minor.body).toEqual({ data: { id: expect.any(String) }, error: null });

    const staging = await api('POST', '/v1/prompt-2025/query/environment-version', { promptId: id, environment: 'staging' });
    expect(staging.body.data).toMatchObject({ id: minor.body.data.id, major_version: 1, minor_version: 1, commit_message: 'Shorter plans', environment: 'staging', model: 'mock' });
    expect((await api('POST', '/v1/prompt-2025/query/version', { promptVersionId: major.body.data.id })).body.data).toMatchObject({ major_version: 2, minor_version: 0 });
    const versions = await api<Array<{ major_version: number; minor_version: number }>>('POST', '/v1/prompt-2025/query/versions', { promptId: id });
    expect(versions.body.data.map((v) => `${v.major_version}.${v.minor_version}`)).toEqual(['2.0', '1.1', '1.0']);
    const firstMajor = await api<unknown[]>('POST', '/v1/prompt-2025/query/versions', { promptId: id, majorVersion: 1 });
    expect(firstMajor.body.data).toHaveLength(2);
    expect((await api('POST', '/v1/prompt-2025/query/total-versions', { promptId: id })).body).toEqual({ data: { totalVersions: 3, majorVersions: 2 }, error: null });

    expect((await api('POST', '/v1/prompt-2025/update/environment', { promptId: id, promptVersionId: major.body.data.id, environment: 'development' })).body).toEqual({ data: null, error: null });
    expect((await api('GET', '/v1/prompt-2025/environments')).body.data).toEqual(['development', 'production', 'staging']);
    expect((await api('POST', '/v1/prompt-2025/remove/environment', { promptId: id, promptVersionId: versionId, environment: 'production' })).status).toBe(400);

    expect((await api('POST', `/v1/prompt-2025/id/${id}/rename`, { name: 'Trip planner v2' })).body).toEqual({ data: null, error: null });
    expect((await api('PATCH', `/v1/prompt-2025/id/${id}/tags`, { tags: ['travel', 'planning'] })).body).toEqual({ data: ['travel', 'planning'], error: null });
    expect((await api('GET', `/v1/prompt-2025/id/${id}`)).body.data).toEqual({ id, name: 'Trip planner v2', tags: ['travel', 'planning'], created_at: expect.any(String) });
    expect((await api('GET', '/v1/prompt-2025/tags')).body.data).toEqual(expect.arrayContaining(['planning', 'shared', 'travel']));
    const found = await api<Array<{ id: string }>>('POST', '/v1/prompt-2025/query', { search: 'TRIP', tagsFilter: ['planning', 'nothing'], page: 0, pageSize: 10 });
    expect(found.body.data.map((prompt) => prompt.id)).toContain(id);
    expect((await api<number>('GET', '/v1/prompt-2025/count')).body.data).toBeGreaterThanOrEqual(2);
    expect(await api('PATCH', '/v1/prompt-2025/id/zzzzzz/tags', { tags: [] })).toEqual({ status: 404, body: { data: null, error: 'Prompt not found' } });
  });

  it('serves a version’s body from its signed s3_url without a key, as Helicone’s S3 links do', async () => {
    const { id } = await createTripPrompt();
    const version = (await api<{ s3_url: string }>('POST', '/v1/prompt-2025/query/production-version', { promptId: id })).body.data;
    const response = await fetch(version.s3_url);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.6 });
    const unsigned = version.s3_url.slice(0, version.s3_url.indexOf('?'));
    expect((await fetch(unsigned)).status).toBe(401);
  });
});

describe('chat requests with prompt_id (official openai SDK)', () => {
  it('expands the production version with the inputs: saved params as defaults, runtime messages appended', async () => {
    const { id, versionId } = await createTripPrompt();
    const { data: completion, response } = await openai.chat.completions
      .create(
        withPrompt({
          model: 'gpt-4o-mini',
          prompt_id: id,
          inputs: { budget: '300', language: 'French', days: 3, city: 'Kyoto', agency: 'Globetrotters' },
          temperature: 0.2,
          messages: [{ role: 'user', content: 'Keep it cheap.' }],
        }),
      )
      .withResponse();
    expect(completion.choices[0]!.message.content).toBeTruthy();

    const sent = fake.last('openai').body;
    expect(sent).toEqual({
      model: 'gpt-4o-mini',
      temperature: 0.2,
      max_tokens: 300,
      messages: [
        { role: 'system', content: 'You are a travel agent for Globetrotters. Answer in French.' },
        { role: 'user', content: 'Plan 3 days in Kyoto.' },
        { role: 'user', content: 'Keep it cheap.' },
      ],
    });

    // The row names the prompt and its version; the prompt_id filter and the inputs endpoint find it.
    const requestId = response.headers.get('helicone-id')!;
    const rows = await api<Array<Record<string, unknown>>>('POST', '/v1/request/query-clickhouse', {
      filter: { request_response_rmt: { prompt_id: { equals: id } } },
      limit: 10,
    });
    expect(rows.body.data).toHaveLength(1);
    expect(rows.body.data[0]).toMatchObject({ request_id: requestId, prompt_id: id, prompt_version: versionId, request_model: 'gpt-4o-mini' });
    expect((rows.body.data[0]!.request_body as { messages: unknown[] }).messages).toHaveLength(3);
    const byInput = await api<unknown[]>('POST', '/v1/request/query', { filter: { values: { city: { equals: 'Kyoto' } } }, limit: 10 });
    expect(byInput.body.data).toHaveLength(1);
    expect((await api('GET', `/v1/prompt-2025/id/${id}/${versionId}/inputs?requestId=${requestId}`)).body).toEqual({
      data: { request_id: requestId, version_id: versionId, inputs: { budget: '300', language: 'French', days: 3, city: 'Kyoto', agency: 'Globetrotters' } },
      error: null,
    });
    expect((await api('GET', `/v1/prompt-2025/id/${id}/${versionId}/inputs?requestId=00000000-0000-4000-8000-000000000000`)).body.error).toBe('Prompt inputs not found');
  });

  it('takes the environment’s version, streams, and keeps the saved model when the client sends none', async () => {
    const { id } = await createTripPrompt();
    const staging = await api<{ id: string }>('POST', '/v1/prompt-2025/update', {
      promptId: id,
      promptVersionId: (await api<{ id: string }>('POST', '/v1/prompt-2025/query/production-version', { promptId: id })).body.data.id,
      newMajorVersion: true,
      environment: 'staging',
      commitMessage: 'offline',
      promptBody: { model: 'mock', messages: [{ role: 'user', content: 'Haiku about {{hc:topic:string}}' }] },
    });
    const stream = await openai.chat.completions.create(withPrompt({ prompt_id: id, environment: 'staging', inputs: { topic: 'rain' }, stream: true }));
    let text = '';
    for await (const chunk of stream as unknown as AsyncIterable<{ choices: Array<{ delta: { content?: string } }> }>) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Mock reply to: Haiku about rain');
    const [row] = await gw.rows('WHERE r.prompt_id = ? AND r.prompt_version = ?', [id, staging.body.data.id]);
    expect(row).toMatchObject({ status: 200, is_stream: 1, request_model: 'mock', provider: 'mock' });
  });

  it('answers bad inputs and unknown prompts with 400 and 404 naming the field', async () => {
    const { id, versionId } = await createTripPrompt();
    const inputs = { budget: 100, language: 'English', days: 'three', city: 'Oslo', agency: 'A' };
    const wrongType = await apiError(openai.chat.completions.create(withPrompt({ model: 'gpt-4o-mini', prompt_id: id, inputs })));
    expect(wrongType.status).toBe(400);
    expect(wrongType.error).toMatchObject({ message: "Variable 'days' is 'number' but got 'three'", param: 'inputs.days', type: 'invalid_prompt_inputs' });

    const missing = await apiError(openai.chat.completions.create(withPrompt({ model: 'gpt-4o-mini', prompt_id: id, inputs: { ...inputs, days: 2, city: undefined } })));
    expect(missing.status).toBe(400);
    expect(missing.error).toMatchObject({ message: "Variable 'city' has no input: pass inputs.city", param: 'inputs.city' });

    const unknownPrompt = await apiError(openai.chat.completions.create(withPrompt({ model: 'gpt-4o-mini', prompt_id: 'zzzzzz', inputs })));
    expect(unknownPrompt.status).toBe(404);
    expect(unknownPrompt.error).toMatchObject({ message: 'Prompt not found: zzzzzz', param: 'prompt_id' });

    const unknownEnvironment = await apiError(openai.chat.completions.create(withPrompt({ model: 'gpt-4o-mini', prompt_id: id, environment: 'qa', inputs })));
    expect(unknownEnvironment.error).toMatchObject({ param: 'environment' });
    const unknownVersion = await apiError(openai.chat.completions.create(withPrompt({ model: 'gpt-4o-mini', prompt_id: id, version_id: 'nope', inputs })));
    expect(unknownVersion.error).toMatchObject({ param: 'version_id' });
    expect(fake.requests).toHaveLength(0);

    // A deleted prompt is gone for expansion too.
    expect((await api('DELETE', `/v1/prompt-2025/${id}/${versionId}`)).status).toBe(400);
    expect((await api('DELETE', `/v1/prompt-2025/${id}`)).body).toEqual({ data: null, error: null });
    expect((await apiError(openai.chat.completions.create(withPrompt({ model: 'gpt-4o-mini', prompt_id: id, inputs: { ...inputs, days: 1 } })))).status).toBe(404);
    expect((await api('GET', `/v1/prompt-2025/id/${id}`)).status).toBe(404);
  });
});

describe('the response cache with managed prompts', () => {
  it('keys on the expanded request: a new production version is a miss, not the old answer', async () => {
    const created = await api<{ id: string; versionId: string }>('POST', '/v1/prompt-2025', { name: 'Cached greeting', promptBody: { model: 'mock', messages: [{ role: 'user', content: 'Say hello to {{hc:name:string}}' }] } });
    const { id, versionId } = created.body.data;
    const ask = () =>
      openai.chat.completions.create(withPrompt({ model: 'mock', prompt_id: id, inputs: { name: 'Ada' } }), { headers: { 'Helicone-Cache-Enabled': 'true' } }).withResponse();
    expect((await ask()).response.headers.get('helicone-cache')).toBe('MISS');
    await gw.running.settled(); // the miss is saved just after its answer
    expect((await ask()).response.headers.get('helicone-cache')).toBe('HIT');
    const next = await api<{ id: string }>('POST', '/v1/prompt-2025/update', {
      promptId: id,
      promptVersionId: versionId,
      newMajorVersion: true,
      environment: 'production',
      commitMessage: 'Warmer',
      promptBody: { model: 'mock', messages: [{ role: 'user', content: 'Warmly say hello to {{hc:name:string}}' }] },
    });
    expect(next.body.error).toBeNull();
    const afterDeploy = await ask();
    expect(afterDeploy.response.headers.get('helicone-cache')).toBe('MISS');
    expect(afterDeploy.data.choices[0]!.message.content).toContain('Warmly say hello to Ada');
  });
});

describe('Helicone-Prompt-Id (legacy prompts)', () => {
  it('names the prompt of a plain request: prompt_id and the Helicone-Prompt-Id property, as Helicone stores them', async () => {
    const { response } = await openai.chat.completions
      .create({ model: 'mock', messages: [{ role: 'user', content: 'legacy prompt header' }] }, { headers: { 'Helicone-Prompt-Id': 'story-writer' } })
      .withResponse();
    const requestId = response.headers.get('helicone-id')!;
    const rows = await api<Array<Record<string, unknown>>>('POST', '/v1/request/query-clickhouse', { filter: { request_response_rmt: { prompt_id: { equals: 'story-writer' } } }, limit: 10 });
    expect(rows.body.data).toHaveLength(1);
    expect(rows.body.data[0]).toMatchObject({ request_id: requestId, prompt_id: 'story-writer', prompt_version: null, request_properties: { 'Helicone-Prompt-Id': 'story-writer' } });
  });
});

describe('GatewayClient and PromptManager against the real endpoints', () => {
  it('fetch the version by environment, version id or production, and build the request locally', async () => {
    const { id, versionId } = await createTripPrompt();
    const client = new GatewayClient({ baseUrl: gw.url, apiKey: key });
    expect(await client.promptVersion(id)).toMatchObject({ id: versionId, environment: 'production' });
    expect(await client.promptVersion(id, { versionId })).toMatchObject({ id: versionId, major_version: 1, minor_version: 0 });
    await expect(client.promptVersion(id, { environment: 'staging' })).rejects.toThrow(/no version in environment "staging"/);

    const manager = new PromptManager(client);
    const { body, errors } = await manager.getPromptBody({ prompt_id: id, inputs: { budget: 50, language: 'German', days: 2, city: 'Bern', agency: 'Alps' }, messages: [{ role: 'user', content: 'Trains only.' }] });
    expect(errors).toEqual([]);
    expect(body).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 50, temperature: 0.6 });
    expect(body.messages).toEqual([
      { role: 'system', content: 'You are a travel agent for Alps. Answer in German.' },
      { role: 'user', content: 'Plan 2 days in Bern.' },
      { role: 'user', content: 'Trains only.' },
    ]);
  });
});
