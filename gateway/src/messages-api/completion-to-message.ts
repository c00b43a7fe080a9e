/**
 * A Chat Completions answer -> an Anthropic Message, for clients of /v1/messages whose request
 * was served by a provider that does not speak Messages.
 */
import type { ChatCompletion, ToolCall } from '../contract/chat.js';
import type { MessagesResponse, MessagesResponseBlock } from '../contract/messages.js';
import { convertUsageToMessages } from './convert-usage-to-messages.js';
import { mapStopReason } from './map-stop-reason.js';
import { messageIdOf } from './message-id.js';

export function completionToMessage(completion: ChatCompletion, requestedModel: string): MessagesResponse {
  const choice = completion.choices?.[0];
  const message = choice?.message;
  const content: MessagesResponseBlock[] = [];
  // The gateway has no signature for another provider's reasoning; Anthropic clients show it all the same.
  if (typeof message?.reasoning_content === 'string' && message.reasoning_content) {
    content.push({ type: 'thinking', thinking: message.reasoning_content, signature: '' });
  }
  if (typeof message?.content === 'string' && message.content) content.push({ type: 'text', text: message.content });
  for (const call of message?.tool_calls ?? []) content.push(toolUseBlock(call));
  return {
    id: messageIdOf(completion.id),
    type: 'message',
    role: 'assistant',
    model: typeof completion.model === 'string' && completion.model ? completion.model : requestedModel,
    content,
    stop_reason: mapStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: convertUsageToMessages(completion.usage),
  };
}

function toolUseBlock(call: ToolCall): MessagesResponseBlock {
  return { type: 'tool_use', id: call.id, name: call.function?.name ?? '', input: parseInput(call.function?.arguments) };
}

/** Anthropic's input is an object; arguments that are not a JSON object become `{}`. */
export function parseInput(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string' || text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
