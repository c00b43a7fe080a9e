/**
 * The OpenAI Agents adapter with `api: 'responses'`: the SDK's Responses mode through the gateway
 * keeps everything the adapter adds in chat mode (session, agent paths, tool events).
 */
import { randomUUID } from 'node:crypto';
import { Agent, tool } from '@openai/agents';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectAgentsToGateway, runInSession } from '../../integrations/openai-agents/index.js';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';

const gw = await GatewayUnderTest.start({});
connectAgentsToGateway({ baseURL: gw.url, api: 'responses' });
afterAll(() => gw.close());

const getWeather = tool({
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => `Sunny in ${city}`,
});

describe("connectAgentsToGateway({ api: 'responses' })", () => {
  it('runs an agent with a tool as one session over /v1/responses, the tool logged at its path', async () => {
    const sessionId = randomUUID();
    const forecaster = new Agent({ name: 'Forecaster', instructions: 'Answer weather questions.', model: 'mock', tools: [getWeather] });
    const result = await runInSession({ id: sessionId, userId: 'alice' }, forecaster, 'What is the weather like?');
    expect(result.finalOutput).toBe('Based on the tools: get_weather returned Sunny in sample city.');
    const rows = await gw.rows('WHERE r.session_id = ?', [sessionId]);
    expect(rows.map((row) => [row.request_path, row.model, row.session_path, row.user_id, row.status])).toEqual([
      ['/v1/responses', 'mock', '/Forecaster', 'alice', 200],
      ['/custom/v1/log', 'tool:get_weather', '/Forecaster/tool/get_weather', 'alice', 200],
      ['/v1/responses', 'mock', '/Forecaster', 'alice', 200],
    ]);
  });
});
