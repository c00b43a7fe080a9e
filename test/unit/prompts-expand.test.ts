import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../gateway/src/contract/errors.js';
import { expandPromptRequest } from '../../gateway/src/prompts/expand-prompt-request.js';
import { SqliteStore } from '../../gateway/src/store/sqlite-store.js';

let store: SqliteStore;
let promptId: string;
let productionId: string;
let stagingId: string;
let greetingId: string;

beforeAll(async () => {
  store = new SqliteStore(':memory:');
  greetingId = (await store.prompts.create({ name: 'greeting', tags: [], promptBody: { model: 'mock', messages: [{ role: 'system', content: 'You help {{hc:company:string}} customers.' }] } })).id;
  const created = await store.prompts.create({
    name: 'support',
    tags: [],
    promptBody: {
      model: 'gpt-4o-mini',
      temperature: 0.6,
      max_tokens: 1000,
      messages: [
        { role: 'system', content: `{{hcp:${greetingId}:0}} Be {{hc:tone:string}}.` },
        { role: 'user', content: 'Hello, I need help with my account.' },
      ],
    },
  });
  promptId = created.id;
  productionId = created.versionId;
  stagingId = (await store.prompts.update({
    promptId,
    baseVersionId: productionId,
    newMajorVersion: true,
    environment: 'staging',
    commitMessage: 'staging',
    promptBody: { model: 'mock', messages: [{ role: 'user', content: 'Staging for {{hc:company:string}}, {{hc:seats:number}} seats' }] },
  }))!;
});
afterAll(() => store.close());

async function refusal(body: unknown): Promise<GatewayError> {
  try {
    await expandPromptRequest(body, store.prompts);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected the expansion to be refused');
}

describe('expanding a chat request that names a managed prompt', () => {
  it('uses the saved body as defaults: runtime params override, runtime messages are appended, prompt fields go', async () => {
    const { body, prompt } = await expandPromptRequest(
      {
        prompt_id: promptId,
        temperature: 0.4,
        inputs: { company: 'Acme Corp', tone: 'professional' },
        messages: [{ role: 'user', content: 'Actually, I want to cancel my subscription.' }],
      },
      store.prompts,
    );
    expect(body).toEqual({
      model: 'gpt-4o-mini',
      temperature: 0.4,
      max_tokens: 1000,
      messages: [
        { role: 'system', content: 'You help Acme Corp customers. Be professional.' },
        { role: 'user', content: 'Hello, I need help with my account.' },
        { role: 'user', content: 'Actually, I want to cancel my subscription.' },
      ],
    });
    expect(prompt).toEqual({ id: promptId, versionId: productionId, inputs: { company: 'Acme Corp', tone: 'professional' } });
  });

  it('lets the client’s model win when given, and keeps the saved one when it is empty', async () => {
    const inputs = { company: 'A', tone: 'calm' };
    expect((await expandPromptRequest({ prompt_id: promptId, model: 'mock', inputs }, store.prompts)).body).toMatchObject({ model: 'mock' });
    expect((await expandPromptRequest({ prompt_id: promptId, model: '', inputs }, store.prompts)).body).toMatchObject({ model: 'gpt-4o-mini' });
  });

  it('picks the environment’s version over version_id, and version_id over production', async () => {
    const inputs = { company: 'Acme', seats: '5', tone: 'calm' };
    const byEnvironment = await expandPromptRequest({ prompt_id: promptId, environment: 'staging', version_id: productionId, inputs }, store.prompts);
    expect(byEnvironment.prompt!.versionId).toBe(stagingId);
    expect(byEnvironment.body).toEqual({ model: 'mock', messages: [{ role: 'user', content: 'Staging for Acme, 5 seats' }] });
    expect((await expandPromptRequest({ prompt_id: promptId, version_id: stagingId, inputs }, store.prompts)).prompt!.versionId).toBe(stagingId);
    expect((await expandPromptRequest({ prompt_id: promptId, inputs }, store.prompts)).prompt!.versionId).toBe(productionId);
  });

  it('leaves a body without prompt_id untouched', async () => {
    const body = { model: 'mock', messages: [{ role: 'user', content: '{{hc:x:string}}' }] };
    expect(await expandPromptRequest(body, store.prompts)).toEqual({ body, prompt: null });
  });

  it('answers unknown prompts, versions and environments with a 404 naming the field', async () => {
    expect(await refusal({ prompt_id: 'nope42' })).toMatchObject({ status: 404, param: 'prompt_id', message: 'Prompt not found: nope42' });
    expect(await refusal({ prompt_id: promptId, version_id: 'v-missing' })).toMatchObject({ status: 404, param: 'version_id' });
    expect(await refusal({ prompt_id: greetingId, version_id: stagingId })).toMatchObject({ status: 404, param: 'version_id' });
    expect(await refusal({ prompt_id: promptId, environment: 'qa' })).toMatchObject({ status: 404, param: 'environment', message: `Prompt ${promptId} has no version in environment "qa"` });
  });

  it('answers missing or mistyped inputs and malformed prompt fields with a 400 naming them', async () => {
    expect(await refusal({ prompt_id: promptId, inputs: { company: 'Acme' } })).toMatchObject({
      status: 400,
      param: 'inputs.tone',
      message: "Variable 'tone' has no input: pass inputs.tone",
    });
    expect(await refusal({ prompt_id: promptId, environment: 'staging', inputs: { company: 'Acme', seats: 'many' } })).toMatchObject({
      status: 400,
      param: 'inputs.seats',
      message: "Variable 'seats' is 'number' but got 'many'",
    });
    expect(await refusal({ prompt_id: 42 })).toMatchObject({ status: 400, param: 'prompt_id' });
    expect(await refusal({ prompt_id: promptId, inputs: ['a'] })).toMatchObject({ status: 400, param: 'inputs' });
    expect(await refusal({ prompt_id: promptId, inputs: { company: 'A', tone: 'b' }, messages: 'hi' })).toMatchObject({ status: 400, param: 'messages' });
  });

  it('answers a partial that names nothing with a 400', async () => {
    const broken = await store.prompts.create({ name: 'broken', tags: [], promptBody: { model: 'mock', messages: [{ role: 'user', content: `{{hcp:${greetingId}:3}}` }] } });
    expect(await refusal({ prompt_id: broken.id })).toMatchObject({ status: 400, param: 'prompt_id', message: expect.stringContaining(`has no message at index 3`) });
  });
});
