/**
 * The stock-information agent of Helicone's cookbook, in TypeScript: a reasoning loop that picks
 * one tool at a time until it can answer. Each chat is one session ("Stock Information Chat",
 * path /stock-chat); model calls go through the gateway at /stock-chat, tool runs are logged
 * beneath it.
 */
import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { ManualLogger } from '../../integrations/manual-logger/index.js';
import { gatewayConfig, type GatewayOptions, withSession } from '../../integrations/session/index.js';
import { fixtureMarketData, type MarketData } from './market-data.js';
import { runTool, toolDefinitions } from './tools.js';

export const systemPrompt = `You are a helpful stock information assistant. You have access to tools that can:
1. Get current stock prices 2. Find company CEOs 3. Find ticker symbols for company names 4. Ask users for clarification when needed
Use these tools one at a time to help answer user questions about stocks and companies. If information is ambiguous, ask for clarification.`;

export interface StockAgentOptions extends GatewayOptions {
  /** A model the gateway serves: "mock" offline, "gpt-4o-mini" with OPENAI_API_KEY, … */
  model?: string;
  data?: MarketData;
  /** Most model calls for one question. */
  maxSteps?: number;
  onToolCall?: (name: string, args: Record<string, string>) => void;
}

export class StockAgent {
  readonly sessionId = randomUUID();
  private readonly history: ChatCompletionMessageParam[] = [];
  private readonly openai: OpenAI;
  private readonly logger: ManualLogger;
  private readonly model: string;
  private readonly data: MarketData;

  constructor(private readonly options: StockAgentOptions = {}) {
    const config = gatewayConfig({ properties: { Type: 'Stock-Info-Agent' }, ...options });
    this.openai = new OpenAI({ baseURL: config.baseURL, apiKey: config.apiKey, defaultHeaders: config.defaultHeaders, fetch: config.fetch });
    this.logger = new ManualLogger({ baseUrl: config.baseURL.replace(/\/v1$/, ''), apiKey: config.apiKey, headers: config.defaultHeaders });
    this.model = options.model ?? 'mock';
    this.data = options.data ?? fixtureMarketData;
  }

  /** Answers one question, calling tools as the model asks, all inside this chat's session. */
  ask(question: string): Promise<string> {
    return withSession({ id: this.sessionId, name: 'Stock Information Chat', path: 'stock-chat' }, async () => {
      this.history.push({ role: 'user', content: question });
      for (let step = 0; step < (this.options.maxSteps ?? 8); step++) {
        const completion = await this.openai.chat.completions.create(
          { model: this.model, messages: [{ role: 'system', content: systemPrompt }, ...this.history], tools: toolDefinitions, tool_choice: 'auto' },
          { headers: { 'Helicone-Prompt-Id': 'stock-agent-reasoning' } },
        );
        const message = completion.choices[0]!.message;
        const call = message.tool_calls?.find((toolCall) => toolCall.type === 'function');
        if (!call) {
          const answer = message.content ?? '';
          this.history.push({ role: 'assistant', content: answer });
          return answer;
        }
        // As in the cookbook: one tool at a time.
        const args = JSON.parse(call.function.arguments || '{}') as Record<string, string>;
        this.options.onToolCall?.(call.function.name, args);
        const result = await runTool(call.function.name, args, this.data, this.logger);
        this.history.push({ role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } }] });
        this.history.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
      }
      return 'I could not finish within the step limit; please ask again more specifically.';
    });
  }
}
