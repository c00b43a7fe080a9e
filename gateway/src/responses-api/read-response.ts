/**
 * A Response object (OpenAI's own answer on the native path, or a cached one) read as a chat
 * completion, for the log: output_text joined into the message, function_call items as
 * tool_calls (call_id as the tool call id), reasoning summaries as reasoning_content, usage mapped.
 */
import type { ChatCompletion, ToolCall } from '../contract/chat.js';
import { responsesUsageToChat } from './convert-usage.js';
import { finishReasonOf } from './map-status.js';

type Item = { type?: unknown; content?: unknown; summary?: unknown; call_id?: unknown; name?: unknown; arguments?: unknown };

const texts = (parts: unknown, type: string, field: string): string[] =>
  Array.isArray(parts) ? parts.filter((part) => part?.type === type && typeof part[field] === 'string').map((part) => part[field] as string) : [];

export function readResponse(body: unknown): ChatCompletion {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('the answer is not a JSON object');
  const response = body as { id?: unknown; created_at?: unknown; model?: unknown; output?: unknown; usage?: unknown; status?: unknown };
  const items = (Array.isArray(response.output) ? response.output : []) as Item[];
  const text: string[] = [];
  const refusal: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const item of items) {
    if (item?.type === 'message') {
      text.push(...texts(item.content, 'output_text', 'text'));
      refusal.push(...texts(item.content, 'refusal', 'refusal'));
    } else if (item?.type === 'reasoning') {
      reasoning.push(...texts(item.summary, 'summary_text', 'text'));
    } else if (item?.type === 'function_call') {
      toolCalls.push({ id: String(item.call_id ?? ''), type: 'function', function: { name: String(item.name ?? ''), arguments: String(item.arguments ?? '') } });
    }
  }
  const usage = responsesUsageToChat(response.usage);
  return {
    id: typeof response.id === 'string' ? response.id : '',
    object: 'chat.completion',
    created: typeof response.created_at === 'number' ? response.created_at : 0,
    model: typeof response.model === 'string' ? response.model : '',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text.length ? text.join('') : null,
          ...(refusal.length ? { refusal: refusal.join('') } : {}),
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
          ...(reasoning.length ? { reasoning_content: reasoning.join('\n\n') } : {}),
        },
        finish_reason: finishReasonOf(response, toolCalls.length > 0),
      },
    ],
    ...(usage ? { usage } : {}),
  };
}
