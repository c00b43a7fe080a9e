/**
 * The LangGraph adapter against a real gateway (mock provider) on 127.0.0.1: a graph run is one
 * session (the thread id), each node's model calls carry /<graph>/<node> without any change to
 * the nodes, and tool executions are logged as tool steps under the node that ran them.
 */
import { randomUUID } from 'node:crypto';
import { type AIMessage, HumanMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { Annotation, END, MemorySaver, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { createReactAgent, ToolNode } from '@langchain/langgraph/prebuilt';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { switchyardChatModel } from '../../integrations/langchain/index.js';
import { NodeSessionPath, runInSession, switchyardGraph, withSession } from '../../integrations/langgraph/index.js';
import { gatewayConfig } from '../../integrations/session/index.js';
import { GatewayUnderTest, type StoredRow } from '../helpers/gateway-under-test.js';

let gw: GatewayUnderTest;

beforeAll(async () => {
  gw = await GatewayUnderTest.start({});
});
afterAll(async () => {
  await gw.close();
});

const rowsOf = (sessionId: string) => gw.rows('WHERE r.session_id = ?', [sessionId]);
const steps = (rows: StoredRow[]) => rows.map((row) => [row.session_path, row.model]);

const getWeather = tool(async ({ city }) => `Sunny in ${city}`, {
  name: 'get_weather',
  description: 'The weather in a city',
  schema: z.object({ city: z.string() }),
});

function weatherAgent(name?: string) {
  const llm = switchyardChatModel({ model: 'mock', baseURL: gw.url });
  return createReactAgent({ llm, tools: [getWeather], checkpointer: new MemorySaver(), ...(name ? { name } : {}) });
}

describe('switchyardGraph with createReactAgent', () => {
  it('runs the agent as the thread’s session: model calls at /<graph>/agent, the tool at /<graph>/tools', async () => {
    const original = weatherAgent('weather');
    const agent = switchyardGraph(original, { baseURL: gw.url, userId: 'alice', properties: { App: 'weather-bot' } });
    // The app's graph itself is left as it was.
    expect(original.nodes.agent.bound).not.toBeInstanceOf(NodeSessionPath);
    expect(agent.nodes.agent.bound).toBeInstanceOf(NodeSessionPath);
    const threadId = randomUUID();
    const result = await agent.invoke({ messages: [new HumanMessage('What is the weather in Paris?')] }, { configurable: { thread_id: threadId } });

    const messages = result.messages;
    expect(messages.map((message) => message.getType())).toEqual(['human', 'ai', 'tool', 'ai']);
    expect((messages[1] as AIMessage).tool_calls?.[0]?.name).toBe('get_weather');
    expect(messages[3]!.content).toBe('Based on the tools: get_weather returned Sunny in sample city.');

    // In the order they ran: the tool step between the two model calls.
    const rows = await rowsOf(threadId);
    expect(steps(rows)).toEqual([
      ['/weather/agent', 'mock'],
      ['/weather/tools', 'tool:get_weather'],
      ['/weather/agent', 'mock'],
    ]);
    for (const row of rows) expect(row).toMatchObject({ status: 200, session_name: 'weather', user_id: 'alice', properties: { App: 'weather-bot' } });

    const toolRow = rows[1]!;
    expect(toolRow.provider).toBe('tool');
    expect(JSON.parse(toolRow.request_body!)).toEqual({ _type: 'tool', toolName: 'get_weather', input: { city: 'sample city' }, toolCallId: 'call_mock_1' });
    expect(toolRow.response_body).toBe('Sunny in sample city');

    // The next turn on the same thread joins the same session.
    await agent.invoke({ messages: [new HumanMessage('And in Rome?')] }, { configurable: { thread_id: threadId } });
    expect(steps((await rowsOf(threadId)).slice(3))).toEqual([
      ['/weather/agent', 'mock'],
      ['/weather/tools', 'tool:get_weather'],
      ['/weather/agent', 'mock'],
    ]);
  });

  it('names the path after the graph (LangGraph calls an unnamed one "LangGraph"), and the stream runs in the session too', async () => {
    const agent = switchyardGraph(weatherAgent(), { baseURL: gw.url });
    const threadId = randomUUID();
    const updates: string[] = [];
    // Iterated outside any session: the run's context is set when the stream starts.
    for await (const update of await agent.stream({ messages: [new HumanMessage('Weather in Oslo?')] }, { configurable: { thread_id: threadId }, streamMode: 'updates' })) {
      updates.push(...Object.keys(update));
    }
    expect(updates).toEqual(['agent', 'tools', 'agent']);
    const rows = await rowsOf(threadId);
    expect(steps(rows)).toEqual([
      ['/LangGraph/agent', 'mock'],
      ['/LangGraph/tools', 'tool:get_weather'],
      ['/LangGraph/agent', 'mock'],
    ]);
    expect(rows.every((row) => row.session_name === 'LangGraph')).toBe(true);

    // streamEvents goes through stream too.
    const eventsThread = randomUUID();
    const toolEnds: string[] = [];
    for await (const event of agent.streamEvents({ messages: [new HumanMessage('Weather in Lima?')] }, { version: 'v2', configurable: { thread_id: eventsThread } })) {
      if (event.event === 'on_tool_end') toolEnds.push(event.name);
    }
    expect(toolEnds).toEqual(['get_weather']);
    expect(steps(await rowsOf(eventsThread))).toEqual([
      ['/LangGraph/agent', 'mock'],
      ['/LangGraph/tools', 'tool:get_weather'],
      ['/LangGraph/agent', 'mock'],
    ]);
  });

  it('keeps concurrent runs with different thread ids apart', async () => {
    const agent = switchyardGraph(weatherAgent('weather'), { baseURL: gw.url });
    const run = (threadId: string, city: string, latency: number) =>
      agent.invoke({ messages: [new HumanMessage(`mock:latency=${latency} Weather in ${city}?`)] }, { configurable: { thread_id: threadId } });
    const threads = [randomUUID(), randomUUID(), randomUUID()];
    await Promise.all([run(threads[0]!, 'Rome', 30), run(threads[1]!, 'Lima', 5), run(threads[2]!, 'Kyiv', 15)]);
    for (const [index, city] of ['Rome', 'Lima', 'Kyiv'].entries()) {
      const rows = await rowsOf(threads[index]!);
      expect(steps(rows)).toEqual([
        ['/weather/agent', 'mock'],
        ['/weather/tools', 'tool:get_weather'],
        ['/weather/agent', 'mock'],
      ]);
      expect(rows[0]!.request_body).toContain(`Weather in ${city}?`);
    }
  });
});

describe('runInSession with hand-built graphs', () => {
  const State = Annotation.Root({ question: Annotation<string>(), outline: Annotation<string>(), reply: Annotation<string>() });

  function planner() {
    const llm = switchyardChatModel({ model: 'mock', baseURL: gw.url });
    // Nodes written as usual: nothing in them knows about sessions.
    return new StateGraph(State)
      .addNode('plan', async (state) => ({ outline: String((await llm.invoke(`Plan: ${state.question}`)).content) }))
      .addNode('answer', async (state) => ({ reply: String((await llm.invoke(`Answer using ${state.outline}`)).content) }))
      .addEdge(START, 'plan')
      .addEdge('plan', 'answer')
      .addEdge('answer', END)
      .compile({ name: 'planner' });
  }

  it('gives two model nodes two paths; the thread id is the session id', async () => {
    const threadId = `thread-${randomUUID()}`;
    const result = await runInSession(planner(), { question: 'Why is the sky blue?' }, { configurable: { thread_id: threadId } }, { name: 'Sky questions', userId: 'bob' });
    expect(result.reply).toBe('Mock reply to: Answer using Mock reply to: Plan: Why is the sky blue?');
    const rows = await rowsOf(threadId);
    expect(steps(rows)).toEqual([
      ['/planner/plan', 'mock'],
      ['/planner/answer', 'mock'],
    ]);
    for (const row of rows) expect(row).toMatchObject({ status: 200, session_name: 'Sky questions', user_id: 'bob' });
  });

  it('starts a new session without a thread id, and joins the enclosing one inside withSession', async () => {
    const graph = planner();
    await runInSession(graph, { question: 'first' }, undefined, { properties: { Marker: 'no-thread' } });
    const [row] = await gw.rows(`WHERE b.request_body LIKE ?`, ['%Plan: first%']);
    expect(row!.session_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row).toMatchObject({ session_path: '/planner/plan', session_name: 'planner', properties: { Marker: 'no-thread' } });
    expect(steps(await rowsOf(row!.session_id!))).toEqual([
      ['/planner/plan', 'mock'],
      ['/planner/answer', 'mock'],
    ]);

    const outer = randomUUID();
    await withSession({ id: outer, name: 'Outer', path: 'request' }, () => runInSession(graph, { question: 'second' }, { configurable: { thread_id: 'ignored-inside-a-session' } }));
    const rows = await rowsOf(outer);
    expect(steps(rows)).toEqual([
      ['/request/planner/plan', 'mock'],
      ['/request/planner/answer', 'mock'],
    ]);
    expect(rows.every((r) => r.session_name === 'Outer')).toBe(true);
  });

  it('nests a subgraph node’s nodes under it, and any session-aware client in a node gets the path', async () => {
    const llm = switchyardChatModel({ model: 'mock', baseURL: gw.url });
    const gateway = gatewayConfig({ baseURL: gw.url });
    const openai = new OpenAI({ baseURL: gateway.baseURL, apiKey: gateway.apiKey, fetch: gateway.fetch, maxRetries: 0 });
    const research = new StateGraph(MessagesAnnotation)
      .addNode('search', async (state) => ({ messages: [await llm.invoke(state.messages)] }))
      .addEdge(START, 'search')
      .compile();
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('research', research)
      .addNode('summarise', async () => {
        const completion = await openai.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: 'summarise' }] });
        return { messages: [{ role: 'assistant', content: completion.choices[0]!.message.content ?? '' }] };
      })
      .addEdge(START, 'research')
      .addEdge('research', 'summarise')
      .compile({ name: 'report' });

    const threadId = randomUUID();
    await runInSession(graph, { messages: [new HumanMessage('find sources')] }, { configurable: { thread_id: threadId } }, { baseURL: gw.url });
    expect(steps(await rowsOf(threadId))).toEqual([
      ['/report/research/search', 'mock'],
      ['/report/summarise', 'mock'],
    ]);
  });

  it('logs a failing tool run by a ToolNode as a failed tool step', async () => {
    const flaky = tool(
      async () => {
        throw new Error('weather service down');
      },
      { name: 'flaky_weather', description: 'Fails', schema: z.object({ city: z.string() }) },
    );
    const llm = switchyardChatModel({ model: 'mock', baseURL: gw.url }).bindTools([flaky]);
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('model', async (state) => ({ messages: [await llm.invoke(state.messages)] }))
      .addNode('act', new ToolNode([flaky]))
      .addEdge(START, 'model')
      .addEdge('model', 'act')
      .addEdge('act', END)
      .compile({ name: 'flaky' });

    const threadId = randomUUID();
    const result = await runInSession(graph, { messages: [new HumanMessage('Weather?')] }, { configurable: { thread_id: threadId } }, { baseURL: gw.url });
    expect(String(result.messages.at(-1)!.content)).toContain('weather service down');
    const rows = await rowsOf(threadId);
    expect(rows.map((row) => [row.session_path, row.model, row.status])).toEqual([
      ['/flaky/model', 'mock', 200],
      ['/flaky/act', 'tool:flaky_weather', 500],
    ]);
    expect(rows[1]!.error_message).toContain('weather service down');
  });
});
