/**
 * PromptManager fetches a stored prompt from a Helicone-style prompt API (here a local stand-in
 * speaking its /v1/prompt-2025 routes), compiles it, and the request arrives at the gateway
 * compiled.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient } from '../../gateway/src/client/index.js';
import { PromptManager } from '../../integrations/prompts/index.js';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';

let gw: GatewayUnderTest;
let promptApi: Server;
let promptUrl: string;
const asked: string[] = [];

const versions = {
  production: { id: 'v-prod', prompt_id: 'trip42', model: 'mock', major_version: 1, minor_version: 0, environment: 'production' },
  staging: { id: 'v-stage', prompt_id: 'trip42', model: 'mock', major_version: 2, minor_version: 0, environment: 'staging' },
};
const bodies: Record<string, unknown> = {
  'v-prod': {
    model: 'mock',
    temperature: 0.2,
    max_tokens: '{{hc:budget:number}}',
    messages: [
      { role: 'system', content: 'You plan trips.' },
      { role: 'user', content: 'Plan {{hc:days:number}} days in {{hc:city:string}}.' },
    ],
  },
  'v-stage': { model: 'mock', messages: [{ role: 'user', content: 'Staging: {{hc:city:string}}' }] },
};

beforeAll(async () => {
  gw = await GatewayUnderTest.start({});
  promptApi = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk)).on('end', () => {
      asked.push(`${req.method} ${req.url}`);
      const body = text ? JSON.parse(text) : {};
      const send = (data: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data, error: null }));
      const withUrl = (version: { id: string }) => ({ ...version, s3_url: `${promptUrl}/bodies/${version.id}` });
      if (req.url === '/v1/prompt-2025/query/production-version') return send(withUrl(versions.production));
      if (req.url === '/v1/prompt-2025/query/environment-version') return send(withUrl(versions[body.environment as keyof typeof versions]));
      if (req.url === '/v1/prompt-2025/query/version') return send(withUrl(Object.values(versions).find((v) => v.id === body.promptVersionId)!));
      if (req.url?.startsWith('/bodies/')) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(bodies[req.url.slice(8)]));
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => promptApi.listen(0, '127.0.0.1', resolve));
  promptUrl = `http://127.0.0.1:${(promptApi.address() as AddressInfo).port}`;
});
afterAll(async () => {
  promptApi.close();
  await gw.close();
});

describe('PromptManager', () => {
  it('builds the production version with the inputs, runtime parameters over saved ones, runtime messages last', async () => {
    const manager = new PromptManager(new GatewayClient({ baseUrl: promptUrl }));
    const { body, errors } = await manager.getPromptBody({ prompt_id: 'trip42', inputs: { days: '3', city: 'Kyoto', budget: 300 }, temperature: 0.7, messages: [{ role: 'user', content: 'Keep it cheap.' }] });
    expect(errors).toEqual([]);
    expect(body).toEqual({
      model: 'mock',
      temperature: 0.7,
      max_tokens: 300,
      messages: [
        { role: 'system', content: 'You plan trips.' },
        { role: 'user', content: 'Plan 3 days in Kyoto.' },
        { role: 'user', content: 'Keep it cheap.' },
      ],
    });

    // Sent through the gateway, the prompt arrives compiled.
    const openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused' });
    const { response } = await openai.chat.completions.create(body as never).withResponse();
    const row = await gw.row(response.headers.get('helicone-id')!);
    expect(JSON.parse(row.request_body!).messages[1].content).toBe('Plan 3 days in Kyoto.');
  });

  it('takes the environment’s version first, then a version id', async () => {
    const manager = new PromptManager(new GatewayClient({ baseUrl: promptUrl }));
    asked.length = 0;
    const staging = await manager.getPromptBody({ prompt_id: 'trip42', environment: 'staging', version_id: 'v-prod', inputs: { city: 'Oslo' } });
    expect(staging.body.messages).toEqual([{ role: 'user', content: 'Staging: Oslo' }]);
    expect(asked[0]).toBe('POST /v1/prompt-2025/query/environment-version');
    const byVersion = await manager.getPromptBody({ prompt_id: 'trip42', version_id: 'v-stage', inputs: { city: 'Rome' } });
    expect(byVersion.body.messages).toEqual([{ role: 'user', content: 'Staging: Rome' }]);
  });

  it('reports input problems instead of sending a half-compiled prompt silently', async () => {
    const manager = new PromptManager(new GatewayClient({ baseUrl: promptUrl }));
    const { errors } = await manager.getPromptBody({ prompt_id: 'trip42', inputs: { days: 'three', city: 'Kyoto', budget: 1 } });
    expect(errors).toEqual(["Variable 'days' is 'number' but got 'three'"]);
  });
});
