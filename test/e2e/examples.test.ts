/** The examples run to completion against a live gateway with the mock provider. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StockAgent } from '../../examples/stock-agent/agent.js';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';

const run = promisify(execFile);
let gw: GatewayUnderTest;

beforeAll(async () => {
  gw = await GatewayUnderTest.start({});
});
afterAll(() => gw.close());

const question = 'mock:tools=find_ticker_symbol,get_company_ceo,get_stock_price mock:arg=NIO Who is the CEO of NIO and what is its stock price?';

describe('the stock-information agent', () => {
  it('answers through its three tools and leaves the documented session tree', async () => {
    const called: string[] = [];
    const agent = new StockAgent({ baseURL: gw.url, onToolCall: (name, args) => called.push(`${name} ${JSON.stringify(args)}`) });
    const answer = await agent.ask(question);
    expect(called).toEqual(['find_ticker_symbol {"company_name":"NIO"}', 'get_company_ceo {"ticker_symbol":"NIO"}', 'get_stock_price {"ticker_symbol":"NIO"}']);
    expect(answer).toContain('"ceo":"Mr. William Li"');
    expect(answer).toContain('"formatted_price":"3.69 USD"');

    const rows = await gw.rows('WHERE r.session_id = ?', [agent.sessionId]);
    expect(rows.map((row) => [row.session_path, row.model])).toEqual([
      ['/stock-chat', 'mock'],
      ['/stock-chat/search/nio', 'tool:find_ticker_symbol'],
      ['/stock-chat', 'mock'],
      ['/stock-chat/ceo/nio', 'tool:get_company_ceo'],
      ['/stock-chat', 'mock'],
      ['/stock-chat/price/nio', 'tool:get_stock_price'],
      ['/stock-chat', 'mock'],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ session_name: 'Stock Information Chat', status: 200 });
      // The OpenAI SDK lowercases header names ("type"); the manual logger keeps "Type". Queries match both.
      // Model calls also carry the legacy Helicone-Prompt-Id, kept as a property as Helicone does.
      const prompt = row.model === 'mock' ? { 'helicone-prompt-id': 'stock-agent-reasoning' } : {};
      expect(Object.fromEntries(Object.entries(row.properties).map(([key, value]) => [key.toLowerCase(), value]))).toEqual({ type: 'Stock-Info-Agent', ...prompt });
    }
  });

  it('runs as a command', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../examples/stock-agent/main.ts'), '--ask', question], {
      env: { ...process.env, SWITCHYARD_URL: gw.url },
    });
    expect(stdout).toMatch(/^Started new session: [0-9a-f-]{36}\nExecuting tool: find_ticker_symbol with args: \{"company_name":"NIO"\}\n/);
    expect(stdout).toMatch(/Agent: Based on the tools: find_ticker_symbol returned .*"ticker":"NIO"/);
  });
});

describe('the self-analysing agent', () => {
  it('runs a task through the MCP tools, then reads back its own cost and failures', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../examples/self-analysing-agent/main.ts')], {
      env: { ...process.env, SWITCHYARD_URL: gw.url },
    });
    expect(stdout).toMatch(/^step 1: Mock reply to: Write a haiku about AI\nstep 2: Mock reply to: Critique that haiku in one sentence\nstep 3: failed: /);
    expect(stdout).toMatch(/\/ — 3 requests, \d+ ms, \d+ tokens, \$[\d.e-]+, 1 failed, 1 unpriced/);
    expect(stdout).toMatch(/My last run: 3 requests, \d+ ms, \d+ tokens, \$[\d.e-]+, 1 failed; users none\. 1 request \(offset 0\); on this page: \$0, 0 tokens, 1 failed\./);
  });
});

describe('the AI SDK streaming chat', () => {
  it('streams each turn and logs the turns as steps of one session', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../examples/ai-sdk-chat/main.ts'), '--say', 'Hello there', '--say', 'mock:reply=Second_answer'], {
      env: { ...process.env, SWITCHYARD_URL: gw.url },
    });
    const sessionId = /^Session ([0-9a-f-]{36})$/m.exec(stdout)![1]!;
    expect(stdout).toContain('Assistant: Mock reply to: Hello there\nAssistant: Second answer\n');
    const rows = await gw.rows('WHERE r.session_id = ?', [sessionId]);
    expect(rows.map((row) => [row.session_path, row.is_stream, row.status])).toEqual([
      ['/chat/turn-1', 1, 200],
      ['/chat/turn-2', 1, 200],
    ]);
  });
});

describe('the Agents SDK handoff', () => {
  it('hands off, calls the tool, and reads as one session tree', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../examples/agents-handoff/main.ts')], {
      env: { ...process.env, SWITCHYARD_URL: gw.url, OPENAI_API_KEY: 'sk-never-used' },
    });
    const sessionId = /^Session ([0-9a-f-]{36})$/m.exec(stdout)![1]!;
    expect(stdout).toMatch(/Answered by Billing: Based on the tools: transfer_to_Billing returned .*lookup_invoice returned \{"invoiceId":"INV-7","status":"paid","amount":"42.00 USD"\}/);
    const rows = await gw.rows('WHERE r.session_id = ?', [sessionId]);
    expect(rows.map((row) => [row.session_path, row.model])).toEqual([
      ['/support/Triage', 'mock'],
      ['/support/Triage/Billing', 'mock'],
      ['/support/Triage/Billing/tool/lookup_invoice', 'tool:lookup_invoice'],
      ['/support/Triage/Billing', 'mock'],
    ]);
  });
});

describe('the LangGraph ReAct agent', () => {
  it('calls its tool and logs the run as one session with node paths', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../examples/langgraph-react/main.ts')], {
      env: { ...process.env, SWITCHYARD_URL: gw.url },
    });
    const sessionId = /^Session ([0-9a-f-]{36})$/m.exec(stdout)![1]!;
    expect(stdout).toContain('Agent: Based on the tools: get_weather returned {"city":"Paris","forecast":"sunny","celsius":21}.');
    const rows = await gw.rows('WHERE r.session_id = ?', [sessionId]);
    expect(rows.map((row) => [row.session_path, row.model])).toEqual([
      ['/weather/agent', 'mock'],
      ['/weather/tools', 'tool:get_weather'],
      ['/weather/agent', 'mock'],
    ]);
  });
});

