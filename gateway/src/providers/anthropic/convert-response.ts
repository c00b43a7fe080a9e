/**
 * Anthropic message (non-streaming) -> OpenAI chat.completion.
 */
import { randomUUID } from 'node:crypto';
import type { ChatCompletion, ToolCall } from '../../contract/chat.js';
import type { AdapterContext } from '../types.js';
import { convertUsage } from './convert-usage.js';
import { isRecord } from './is-record.js';
import { mapFinishReason } from './map-finish-reason.js';
import type { AnthropicMessage } from './wire-types.js';

export function convertResponse(body: unknown, ctx: AdapterContext): ChatCompletion {
  if (!isRecord(body)) throw new Error('Anthropic returned a response body that is not a JSON object');
  const message = body as AnthropicMessage;
  const blocks = Array.isArray(message.content) ? message.content : [];

  let text: string | null = null;
  let reasoning: string | undefined;
  const toolCalls: ToolCall[] = [];
  for (const block of blocks) {
    if (block.type === 'text' && typeof block.text === 'string') {
      // Consecutive text blocks (e.g. split around citations) are one answer, so no separator.
      text = (text ?? '') + block.text;
    } else if (block.type === 'thinking' && typeof block.thinking === 'string') {
      reasoning = (reasoning ?? '') + block.thinking;
    } else if (block.type === 'tool_use') {
      // server_tool_use blocks ran on Anthropic's side; only client tools become tool_calls.
      toolCalls.push({
        id: String(block.id ?? ''),
        type: 'function',
        function: { name: String(block.name ?? ''), arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }

  const completionMessage: ChatCompletion['choices'][number]['message'] = { role: 'assistant', content: text };
  if (toolCalls.length > 0) completionMessage.tool_calls = toolCalls;
  if (reasoning !== undefined) completionMessage.reasoning_content = reasoning;

  return {
    id: typeof message.id === 'string' ? message.id : `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof message.model === 'string' ? message.model : ctx.model,
    choices: [{ index: 0, message: completionMessage, finish_reason: mapFinishReason(message.stop_reason) }],
    usage: convertUsage(message.usage),
  };
}
