import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, GatewayUnderTest } from '../helpers/gateway-under-test.js';

let gw: GatewayUnderTest;

beforeAll(async () => {
  // No provider keys at all: the mock needs none.
  gw = await GatewayUnderTest.start({});
});
afterAll(async () => {
  await gw.close();
});

const tools = [
  {
    type: 'function' as const,
    function: {
      name: 'get_stock_price',
      parameters: { type: 'object', properties: { ticker: { type: 'string' }, exchange: { type: 'string', enum: ['NASDAQ', 'NYSE'] } }, required: ['ticker', 'exchange'] },
    },
  },
  { type: 'function' as const, function: { name: 'get_news', parameters: { type: 'object', properties: { limit: { type: 'integer' } }, required: ['limit'] } } },
];

describe('the offline mock provider', () => {
  it('echoes the user deterministically, with usage and a price', async () => {
    const completion = await gw.client().chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: 'Hello there' }] });
    expect(completion.choices[0]).toMatchObject({ message: { role: 'assistant', content: 'Mock reply to: Hello there' }, finish_reason: 'stop' });
    expect(completion.usage).toEqual({ prompt_tokens: 3, completion_tokens: 7, total_tokens: 10 });
  });

  it('answers mock:reply text word by word when streaming', async () => {
    const stream = await gw.client().chat.completions.create({ model: 'mock', stream: true, messages: [{ role: 'user', content: 'mock:reply=one_two_three' }] });
    const deltas: string[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) deltas.push(chunk.choices[0].delta.content);
    expect(deltas).toEqual(['one ', 'two ', 'three']);
  });

  it('calls the first declared tool with arguments that fit its schema, then summarises the tool result', async () => {
    const client = gw.client();
    const first = await client.chat.completions.create({ model: 'mock', tools, messages: [{ role: 'user', content: 'Price of TSLA?' }] });
    const call = first.choices[0]!.message.tool_calls![0]! as { id: string; function: { name: string; arguments: string } };
    expect(first.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call.function.name).toBe('get_stock_price');
    expect(JSON.parse(call.function.arguments)).toEqual({ ticker: 'sample ticker', exchange: 'NASDAQ' });

    const second = await client.chat.completions.create({
      model: 'mock',
      tools,
      messages: [
        { role: 'user', content: 'Price of TSLA?' },
        first.choices[0]!.message,
        { role: 'tool', tool_call_id: call.id, content: '{"price": 251.3}' },
      ],
    });
    expect(second.choices[0]!.message.content).toBe('Based on the tools: get_stock_price returned {"price": 251.3}.');
  });

  it('calls the tool named by mock:tool=', async () => {
    const completion = await gw.client().chat.completions.create({ model: 'mock', tools, messages: [{ role: 'user', content: 'news please mock:tool=get_news' }] });
    expect(completion.choices[0]!.message.tool_calls![0]).toMatchObject({ function: { name: 'get_news', arguments: '{"limit":1}' } });
  });

  it('answers an HTTP error on mock:error=', async () => {
    const error = await apiError(gw.client().chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: 'mock:error=503' }] }));
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/mock: simulated HTTP 503/);
  });

  it('waits mock:latency= milliseconds, seen as time to first token on streams', async () => {
    const { response } = await gw
      .client()
      .chat.completions.create({ model: 'mock', stream: true, messages: [{ role: 'user', content: 'mock:latency=120 slow' }] })
      .withResponse();
    const id = response.headers.get('helicone-id')!;
    await response.text();
    const row = await gw.row(id);
    expect(row.time_to_first_token_ms).toBeGreaterThanOrEqual(120);
  });
});

describe('the mock provider as an agent', () => {
  it('calls mock:tools one per step with mock:arg values, then answers', async () => {
    const tools = [
      { type: 'function' as const, function: { name: 'find_ticker', parameters: { type: 'object', properties: { company: { type: 'string' } }, required: ['company'] } } },
      { type: 'function' as const, function: { name: 'get_price', parameters: { type: 'object', properties: { ticker: { type: 'string' } }, required: ['ticker'] } } },
    ];
    const client = gw.client();
    const messages: Array<Record<string, unknown>> = [{ role: 'user', content: 'mock:tools=find_ticker,get_price mock:arg=NIO price of NIO?' }];
    const calls: string[] = [];
    for (let step = 0; step < 5; step++) {
      const answer = await client.chat.completions.create({ model: 'mock', tools, messages: messages as never });
      const call = answer.choices[0]!.message.tool_calls?.[0] as { id: string; function: { name: string; arguments: string } } | undefined;
      if (!call) {
        expect(answer.choices[0]!.message.content).toBe('Based on the tools: find_ticker returned NIO; get_price returned 3.69.');
        break;
      }
      calls.push(`${call.function.name}(${call.function.arguments})`);
      messages.push(answer.choices[0]!.message as never, { role: 'tool', tool_call_id: call.id, content: call.function.name === 'find_ticker' ? 'NIO' : '3.69' });
    }
    expect(calls).toEqual(['find_ticker({"company":"NIO"})', 'get_price({"ticker":"NIO"})']);
  });
});
