/**
 * A LangGraph ReAct agent through the gateway: one line (`switchyardGraph`) makes each run one
 * session (the thread id), its model node /weather/agent and its tool node /weather/tools.
 *   npx tsx examples/langgraph-react/main.ts           (offline: the mock model calls the tool)
 *   LANGGRAPH_MODEL=gpt-4o-mini npx tsx examples/langgraph-react/main.ts "Weather in Paris?"
 */
import { randomUUID } from 'node:crypto';
import { tool } from '@langchain/core/tools';
import { HumanMessage } from '@langchain/core/messages';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { z } from 'zod';
import { switchyardChatModel } from '../../integrations/langchain/index.js';
import { switchyardGraph } from '../../integrations/langgraph/index.js';

const getWeather = tool(async ({ city }) => JSON.stringify({ city, forecast: 'sunny', celsius: 21 }), {
  name: 'get_weather',
  description: 'The weather forecast for a city',
  schema: z.object({ city: z.string().describe('City name, e.g. Paris') }),
});

const llm = switchyardChatModel({ model: process.env.LANGGRAPH_MODEL ?? 'mock', properties: { App: 'langgraph-react' } });
const agent = switchyardGraph(createReactAgent({ llm, tools: [getWeather], name: 'weather' }));

const threadId = randomUUID();
const question = process.argv[2] ?? 'mock:arg=Paris What is the weather in Paris?';
const result = await agent.invoke({ messages: [new HumanMessage(question)] }, { configurable: { thread_id: threadId } });
console.log(`Session ${threadId}`);
console.log(`Agent: ${String(result.messages.at(-1)?.content)}`);
