/**
 * The stock agent as a CLI. Offline (mock model, fixture market data):
 *   npx tsx examples/stock-agent/main.ts --ask "mock:tools=find_ticker_symbol,get_company_ceo,get_stock_price mock:arg=NIO Who is the CEO of NIO and what is its stock price?"
 * With a real model (the gateway running with OPENAI_API_KEY):
 *   STOCK_AGENT_MODEL=gpt-4o-mini npx tsx examples/stock-agent/main.ts
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { StockAgent } from './agent.js';

const { values } = parseArgs({ options: { ask: { type: 'string' }, model: { type: 'string' } } });
const agent = new StockAgent({
  model: values.model ?? process.env.STOCK_AGENT_MODEL ?? 'mock',
  onToolCall: (name, args) => console.log(`Executing tool: ${name} with args: ${JSON.stringify(args)}`),
});
console.log(`Started new session: ${agent.sessionId}`);

if (values.ask) {
  console.log(`Agent: ${await agent.ask(values.ask)}`);
} else {
  console.log('Stock Information Agent with Switchyard Monitoring');
  console.log('Ask me about stock prices, company CEOs, or any stock-related questions!');
  console.log("Type 'quit' to exit.");
  const input = createInterface({ input: process.stdin, output: process.stdout });
  for (;;) {
    const question = (await input.question('\nYou: ')).trim();
    if (['quit', 'exit', 'bye'].includes(question.toLowerCase())) break;
    if (!question) continue;
    try {
      console.log(`Agent: ${await agent.ask(question)}`);
    } catch (error) {
      console.log(`Error: ${(error as Error).message}`);
    }
  }
  input.close();
  console.log('Goodbye!');
}
