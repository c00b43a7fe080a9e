/**
 * The OpenAI Agents SDK (real, 0.14) through a real gateway with the mock model, after one
 * `connectAgentsToGateway()`: model calls carry the session and the agent's path, tool executions
 * are logged as tool events at the tool's path, handoffs nest the next agent, concurrent runs keep
 * their sessions apart, and nothing but the gateway is ever contacted, with OPENAI_API_KEY set.
 */
import { randomUUID } from 'node:crypto';
import { Agent, getGlobalTraceProvider, run, Runner, setDefaultOpenAITracingExporter, tool, withTrace } from '@openai/agents';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectAgentsToGateway, runInSession, withSession } from '../../integrations/openai-agents/index.js';
import { GatewayUnderTest, type StoredRow } from '../helpers/gateway-under-test.js';

// Every request this process makes, recorded; anything not for 127.0.0.1 is answered locally and never sent.
const previousKey = process.env.OPENAI_API_KEY;
process.env.OPENAI_API_KEY = 'sk-dummy-must-never-be-sent';
const realFetch = globalThis.fetch;
const contacted: Array<{ host: string; path: string; authorization: string | null }> = [];
globalThis.fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  contacted.push({ host: url.host, path: url.pathname, authorization: headers.get('authorization') });
  if (url.hostname !== '127.0.0.1') return Promise.resolve(new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
  return realFetch(input, init);
};

const gw = await GatewayUnderTest.start({});
const gatewayHost = new URL(gw.url).host;
let agents = connectAgentsToGateway({ baseURL: gw.url });

afterAll(async () => {
  globalThis.fetch = realFetch;
  if (previousKey === undefined) delete process.env.OPENAI_API_KEY;
  else process.env.OPENAI_API_KEY = previousKey;
  await gw.close();
});

const getWeather = tool({
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: z.object({ city: z.string() }),
  async execute({ city }) {
    await new Promise((resolve) => setTimeout(resolve, 30));
    return `Sunny in ${city}`;
  },
});

const divide = tool({
  name: 'divide',
  description: 'Divide a by b',
  parameters: z.object({ a: z.number(), b: z.number() }),
  async execute() {
    throw new Error('Division by zero');
  },
});

const forecaster = new Agent({ name: 'Forecaster', instructions: 'Answer weather questions.', model: 'mock', tools: [getWeather] });
const greeter = new Agent({ name: 'Greeter', instructions: 'Greet people.', model: 'mock' });

/** A stored row with its start time (selected with r.*, not in StoredRow's type). */
type Row = StoredRow & { request_created_at: number };
const sessionRows = async (sessionId: string): Promise<Row[]> => (await gw.rows('WHERE r.session_id = ?', [sessionId])) as Row[];
const shape = (rows: StoredRow[]) => rows.map((row) => [row.model, row.session_path, row.status]);
const json = (text: string | null): unknown => JSON.parse(text ?? 'null');

describe('connectAgentsToGateway', () => {
  it('runs an agent with a tool as one session: model calls at the agent, the tool logged at its path', async () => {
    const sessionId = randomUUID();
    const result = await runInSession(
      { id: sessionId, name: 'Weather desk', userId: 'alice@example.com', properties: { App: 'agents-test', Attempt: 1 } },
      forecaster,
      'What is the weather like?',
    );
    expect(result.finalOutput).toBe('Based on the tools: get_weather returned Sunny in sample city.');

    // runInSession returns once the tool event is written: no flush needed.
    const rows = await sessionRows(sessionId);
    expect(shape(rows)).toEqual([
      ['mock', '/Forecaster', 200],
      ['tool:get_weather', '/Forecaster/tool/get_weather', 200],
      ['mock', '/Forecaster', 200],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ session_name: 'Weather desk', user_id: 'alice@example.com', properties: { App: 'agents-test', Attempt: '1' } });
    }
    const [firstCall, toolRow, secondCall] = rows as [Row, Row, Row];
    expect(firstCall).toMatchObject({ request_path: '/v1/chat/completions', provider: 'mock' });
    expect((json(firstCall.request_body) as { tools: Array<{ function: { name: string } }> }).tools.map((t) => t.function.name)).toEqual(['get_weather']);
    expect(toolRow).toMatchObject({ provider: 'tool', request_path: '/custom/v1/log', cost_usd: null, error_message: null });
    expect(json(toolRow.request_body)).toEqual({ _type: 'tool', toolName: 'get_weather', input: { city: 'sample city' } });
    expect(json(toolRow.response_body)).toEqual({ output: 'Sunny in sample city' });
    // Timing from the function span: the tool sleeps 30 ms, between the two model calls.
    expect(toolRow.latency_ms).toBeGreaterThanOrEqual(25);
    expect(toolRow.latency_ms).toBeLessThan(2000);
    expect(toolRow.request_created_at).toBeGreaterThanOrEqual(firstCall.request_created_at);
    expect(toolRow.request_created_at).toBeLessThanOrEqual(secondCall.request_created_at);
    const lastMessage = (json(secondCall.request_body) as { messages: Array<{ role: string; content: string }> }).messages.at(-1);
    expect(lastMessage).toMatchObject({ role: 'tool', content: 'Sunny in sample city' });
  });

  it('logs a tool that throws with status 500 and its error, and the run goes on', async () => {
    const sessionId = randomUUID();
    const calculator = new Agent({ name: 'Calculator', instructions: 'Do arithmetic.', model: 'mock', tools: [divide] });
    const result = await runInSession({ id: sessionId }, calculator, 'Divide 1 by 0');
    expect(result.finalOutput).toBe('Based on the tools: divide returned An error occurred while running the tool. Please try again. Error: Error: Division by zero.');

    const rows = await sessionRows(sessionId);
    expect(shape(rows)).toEqual([
      ['mock', '/Calculator', 200],
      ['tool:divide', '/Calculator/tool/divide', 500],
      ['mock', '/Calculator', 200],
    ]);
    // Without a name, the session is named after the agent.
    expect(rows.map((row) => row.session_name)).toEqual(['Calculator', 'Calculator', 'Calculator']);
    const toolRow = rows[1]!;
    expect(toolRow.error_message).toBe('Error running tool (non-fatal): Error: Division by zero');
    expect(json(toolRow.request_body)).toEqual({ _type: 'tool', toolName: 'divide', input: { a: 1, b: 1 } });
    expect(json(toolRow.response_body)).toEqual({
      output: 'An error occurred while running the tool. Please try again. Error: Error: Division by zero',
      error: 'Error running tool (non-fatal): Error: Division by zero',
    });
  });

  it('nests the agent a handoff leads to under the agent that handed off', async () => {
    const sessionId = randomUUID();
    const lookupInvoice = tool({
      name: 'lookup_invoice',
      description: 'Find an invoice',
      parameters: z.object({ invoiceId: z.string() }),
      execute: async ({ invoiceId }) => ({ invoiceId, status: 'paid' }),
    });
    const billing = new Agent({ name: 'Billing', instructions: 'Handle invoices.', model: 'mock', tools: [lookupInvoice] });
    const triage = new Agent({ name: 'Triage', instructions: 'Route the customer.', model: 'mock', handoffs: [billing] });

    const result = await runInSession({ id: sessionId, path: '/support' }, triage, 'mock:tools=transfer_to_Billing,lookup_invoice mock:arg=INV-7 Where is my invoice?');
    expect(result.lastAgent?.name).toBe('Billing');
    expect(result.finalOutput).toBe(
      'Based on the tools: transfer_to_Billing returned {"assistant":"Billing"}; lookup_invoice returned {"invoiceId":"INV-7","status":"paid"}.',
    );

    const rows = await sessionRows(sessionId);
    expect(shape(rows)).toEqual([
      ['mock', '/support/Triage', 200],
      ['mock', '/support/Triage/Billing', 200],
      ['tool:lookup_invoice', '/support/Triage/Billing/tool/lookup_invoice', 200],
      ['mock', '/support/Triage/Billing', 200],
    ]);
    const declared = (row: StoredRow) => (json(row.request_body) as { tools: Array<{ function: { name: string } }> }).tools.map((t) => t.function.name);
    expect(declared(rows[0]!)).toEqual(['transfer_to_Billing']);
    expect(declared(rows[1]!)).toEqual(['lookup_invoice']);
    expect(json(rows[2]!.response_body)).toEqual({ output: { invoiceId: 'INV-7', status: 'paid' } });
  });

  it('keeps two concurrent runs in their own sessions', async () => {
    const [oslo, paris] = [randomUUID(), randomUUID()];
    const [osloResult, parisResult] = await Promise.all([
      runInSession({ id: oslo, userId: 'oslo-user' }, forecaster, 'mock:latency=60 mock:arg=Oslo weather in Oslo?'),
      runInSession({ id: paris, userId: 'paris-user' }, forecaster, 'mock:latency=40 mock:arg=Paris weather in Paris?'),
    ]);
    expect(osloResult.finalOutput).toBe('Based on the tools: get_weather returned Sunny in Oslo.');
    expect(parisResult.finalOutput).toBe('Based on the tools: get_weather returned Sunny in Paris.');

    for (const [sessionId, city] of [
      [oslo, 'Oslo'],
      [paris, 'Paris'],
    ] as const) {
      const rows = await sessionRows(sessionId);
      expect(shape(rows)).toEqual([
        ['mock', '/Forecaster', 200],
        ['tool:get_weather', '/Forecaster/tool/get_weather', 200],
        ['mock', '/Forecaster', 200],
      ]);
      expect(new Set(rows.map((row) => row.user_id))).toEqual(new Set([`${city.toLowerCase()}-user`]));
      expect(json(rows[1]!.request_body)).toMatchObject({ input: { city } });
      for (const row of [rows[0]!, rows[2]!]) expect(row.request_body).toContain(`weather in ${city}?`);
    }
    // The two runs really overlapped.
    const [osloRows, parisRows] = [await sessionRows(oslo), await sessionRows(paris)];
    expect(parisRows[0]!.request_created_at).toBeLessThan(osloRows[2]!.request_created_at);
    expect(osloRows[0]!.request_created_at).toBeLessThan(parisRows[2]!.request_created_at);
  });

  it('extends an enclosing session: its path, then the agent, then an agent used as a tool', async () => {
    const sessionId = randomUUID();
    const expert = new Agent({ name: 'Expert', instructions: 'Answer precisely.', model: 'mock' });
    const orchestrator = new Agent({
      name: 'Orchestrator',
      instructions: 'Ask the expert.',
      model: 'mock',
      tools: [expert.asTool({ toolName: 'ask_expert', toolDescription: 'Ask the expert' })],
    });
    const result = await withSession({ id: sessionId, name: 'Checkout', path: '/checkout', userId: 'bob' }, () =>
      runInSession({ path: 'plan' }, orchestrator, 'mock:arg=Which_plan? Pick a plan'),
    );
    expect(result.finalOutput).toBe('Based on the tools: ask_expert returned Mock reply to: Which plan?.');

    const rows = await sessionRows(sessionId);
    // The tool event starts before the nested run's model call (same millisecond possibly): compare as a set.
    expect(shape(rows).sort()).toEqual(
      [
        ['mock', '/checkout/plan/Orchestrator', 200],
        ['mock', '/checkout/plan/Orchestrator', 200],
        ['mock', '/checkout/plan/Orchestrator/tool/ask_expert/Expert', 200],
        ['tool:ask_expert', '/checkout/plan/Orchestrator/tool/ask_expert', 200],
      ].sort(),
    );
    const toolRow = rows.find((row) => row.model === 'tool:ask_expert')!;
    const expertCall = rows.find((row) => row.session_path!.endsWith('/Expert'))!;
    expect(toolRow.request_created_at).toBeLessThanOrEqual(expertCall.request_created_at);
    expect(toolRow.request_created_at + toolRow.latency_ms).toBeGreaterThanOrEqual(expertCall.request_created_at + expertCall.latency_ms);
    expect(json(toolRow.response_body)).toEqual({ output: 'Mock reply to: Which plan?' });
    expect(new Set(rows.map((row) => `${row.session_name} ${row.user_id}`))).toEqual(new Set(['Checkout bob']));
  });

  it('puts the model calls of an input guardrail under the guardrail', async () => {
    const sessionId = randomUUID();
    const classifier = new Agent({ name: 'Classifier', instructions: 'Is this on topic?', model: 'mock' });
    const guarded = new Agent({
      name: 'Guarded',
      instructions: 'Answer.',
      model: 'mock',
      inputGuardrails: [
        {
          name: 'topic',
          execute: async ({ input }) => {
            const verdict = await run(classifier, `mock:reply=on_topic ${typeof input === 'string' ? input : 'items'}`);
            return { outputInfo: verdict.finalOutput, tripwireTriggered: false };
          },
        },
      ],
    });
    const result = await runInSession({ id: sessionId }, guarded, 'Tell me about trains');
    expect(result.finalOutput).toBe('Mock reply to: Tell me about trains');
    expect(result.inputGuardrailResults.map((guardrail) => guardrail.output.outputInfo)).toEqual(['on topic']);
    const rows = await sessionRows(sessionId);
    expect(rows.map((row) => row.session_path).sort()).toEqual(['/Guarded', '/Guarded/guardrail/topic/Classifier']);
  });

  it('makes a plain run() its own session: the trace id, or the group id, named by the workflow', async () => {
    let traceId = '';
    const traced = await withTrace('Nightly report', async (trace) => {
      traceId = trace.traceId;
      return run(forecaster, 'Weather for the report');
    });
    expect(traced.finalOutput).toBe('Based on the tools: get_weather returned Sunny in sample city.');
    expect(traceId).toMatch(/^trace_[0-9a-f]{32}$/);
    const rows = await sessionRows(traceId);
    expect(shape(rows)).toEqual([
      ['mock', '/Forecaster', 200],
      ['tool:get_weather', '/Forecaster/tool/get_weather', 200],
      ['mock', '/Forecaster', 200],
    ]);
    expect(new Set(rows.map((row) => row.session_name))).toEqual(new Set(['Nightly report']));

    const groupId = `thread-${randomUUID()}`;
    const runner = new Runner({ groupId, workflowName: 'Support chat' });
    const greeted = await runner.run(greeter, 'mock:reply=Hi_there Hello');
    expect(greeted.finalOutput).toBe('Hi there');
    const grouped = await sessionRows(groupId);
    expect(grouped.map((row) => [row.model, row.session_path, row.session_name])).toEqual([['mock', '/Greeter', 'Support chat']]);
  });

  it('puts runs outside any session in the configured default session', async () => {
    const sessionId = randomUUID();
    agents = connectAgentsToGateway({ baseURL: gw.url, session: { id: sessionId, path: '/batch', userId: 'batch-job', properties: { Env: 'ci' } } });
    try {
      await run(greeter, 'mock:reply=Done_here Finish');
      await run(forecaster, 'Weather for the batch');
      await runInSession({ id: `${sessionId}-own` }, greeter, 'mock:reply=Own Other');
    } finally {
      agents = connectAgentsToGateway({ baseURL: gw.url });
    }
    const rows = await sessionRows(sessionId);
    expect(rows.map((row) => [row.model, row.session_path, row.user_id, row.properties])).toEqual([
      ['mock', '/batch/Greeter', 'batch-job', { Env: 'ci' }],
      ['mock', '/batch/Forecaster', 'batch-job', { Env: 'ci' }],
      ['tool:get_weather', '/batch/Forecaster/tool/get_weather', 'batch-job', { Env: 'ci' }],
      ['mock', '/batch/Forecaster', 'batch-job', { Env: 'ci' }],
    ]);
    // An explicit session wins over the default id and path; the default user and properties stay.
    const own = await sessionRows(`${sessionId}-own`);
    expect(own.map((row) => [row.session_path, row.user_id, row.properties])).toEqual([['/Greeter', 'batch-job', { Env: 'ci' }]]);
  });

  it('adds a managed prompt’s fields to every model call’s body (the SDK has no body hook)', async () => {
    agents = connectAgentsToGateway({ baseURL: gw.url, prompt: { id: 'abc123', environment: 'production', inputs: { city: 'Paris' } } });
    try {
      // No such prompt in the gateway: the 404 shows the fields arrived in the body.
      await expect(runInSession({ id: randomUUID() }, greeter, 'hi')).rejects.toThrow(/Prompt not found: abc123/);
    } finally {
      agents = connectAgentsToGateway({ baseURL: gw.url });
    }
    const row = (await gw.rows("WHERE r.error_message = 'Prompt not found: abc123'")).at(-1);
    expect(JSON.parse(row!.request_body!)).toMatchObject({ model: 'mock', prompt_id: 'abc123', environment: 'production', inputs: { city: 'Paris' } });
  });

  it('streams a run in its session too', async () => {
    const sessionId = randomUUID();
    const streamed = await runInSession({ id: sessionId }, forecaster, 'Weather, streamed', { stream: true });
    let text = '';
    for await (const event of streamed.toTextStream()) text += event;
    await streamed.completed;
    await agents.flush();
    expect(text).toBe('Based on the tools: get_weather returned Sunny in sample city.');
    const rows = await sessionRows(sessionId);
    expect(rows.map((row) => [row.model, row.session_path, row.is_stream])).toEqual([
      ['mock', '/Forecaster', 1],
      ['tool:get_weather', '/Forecaster/tool/get_weather', 0],
      ['mock', '/Forecaster', 1],
    ]);
  });

  it('contacts nothing but the gateway, even after flushing the SDK traces with OPENAI_API_KEY set', async () => {
    await getGlobalTraceProvider().forceFlush();
    expect(contacted.length).toBeGreaterThan(20);
    expect(new Set(contacted.map((call) => call.host))).toEqual(new Set([gatewayHost]));
    expect(new Set(contacted.map((call) => call.path))).toEqual(new Set(['/v1/chat/completions', '/custom/v1/log']));
    expect(contacted.some((call) => call.authorization?.includes('sk-dummy'))).toBe(false);
  });

  it('(control) would have caught the SDK exporting traces to api.openai.com', async () => {
    const before = contacted.length;
    setDefaultOpenAITracingExporter();
    try {
      await run(greeter, 'mock:reply=Traced Control run');
      await getGlobalTraceProvider().forceFlush();
    } finally {
      agents = connectAgentsToGateway({ baseURL: gw.url });
    }
    const exported = contacted.slice(before).filter((call) => call.host !== gatewayHost);
    expect(exported[0]).toEqual({ host: 'api.openai.com', path: '/v1/traces/ingest', authorization: 'Bearer sk-dummy-must-never-be-sent' });
  });
});
