/**
 * A translated attempt's chat completion -> the Response object a Responses client reads:
 * reasoning (if the provider reported any), the message with its output_text, then one
 * function_call item per tool call (the chat tool call id is the item's call_id).
 */
import type { ChatCompletion } from '../contract/chat.js';
import type { ResponseObject, ResponseOutputItem, ResponsesRequest } from '../contract/responses.js';
import { chatUsageToResponses } from './convert-usage.js';
import { statusOf } from './map-status.js';
import { newId, responseEnvelope } from './response-envelope.js';

export function outputItemsOf(message: ChatCompletion['choices'][number]['message'] | undefined): ResponseOutputItem[] {
  const items: ResponseOutputItem[] = [];
  if (!message) return items;
  if (typeof message.reasoning_content === 'string' && message.reasoning_content) {
    items.push({ id: newId('rs'), type: 'reasoning', summary: [{ type: 'summary_text', text: message.reasoning_content }] });
  }
  const toolCalls = message.tool_calls ?? [];
  const content: Extract<ResponseOutputItem, { type: 'message' }>['content'] = [];
  const text = typeof message.content === 'string' ? message.content : '';
  const refusal = typeof message.refusal === 'string' ? message.refusal : '';
  // An answer with nothing else still has its (empty) message, as OpenAI's.
  if (text || (toolCalls.length === 0 && !refusal)) content.push({ type: 'output_text', text, annotations: [], logprobs: [] });
  if (refusal) content.push({ type: 'refusal', refusal });
  if (content.length) items.push({ id: newId('msg'), type: 'message', status: 'completed', role: 'assistant', content });
  for (const call of toolCalls) {
    items.push({ id: newId('fc'), type: 'function_call', status: 'completed', call_id: call.id, name: call.function.name, arguments: call.function.arguments });
  }
  return items;
}

export function encodeResponse(completion: ChatCompletion, source: ResponsesRequest | undefined): ResponseObject {
  const choice = completion.choices?.[0];
  const { status, incomplete_details } = statusOf(choice?.finish_reason);
  return {
    ...responseEnvelope(source, { id: newId('resp'), created_at: completion.created || Math.floor(Date.now() / 1000), model: completion.model, status }),
    incomplete_details,
    output: outputItemsOf(choice?.message),
    usage: completion.usage ? chatUsageToResponses(completion.usage) : null,
  };
}
