/**
 * Responses input (instructions, then a string or items) -> chat messages. An assistant message
 * and the function calls after it become one assistant message with tool_calls; each
 * function_call_output becomes a tool message. Reasoning items are dropped: they are OpenAI's own
 * (often encrypted) state, which no other provider can read.
 */
import type { ChatMessage, ContentPart, ToolCall } from '../contract/chat.js';
import type { FunctionCallItem, FunctionCallOutputItem, MessageItem, ResponsesRequest } from '../contract/responses.js';
import type { Refusals } from './refusal.js';
import { itemType } from './validate-request.js';

type Part = { type: string; [key: string]: unknown };

/** One content part as a chat part; undefined (and a refusal) when chat cannot carry it. */
function chatPart(part: Part, field: string, refusals: Refusals): ContentPart | undefined {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text as string };
    case 'refusal':
      return { type: 'text', text: part.refusal as string };
    case 'input_image':
      if (typeof part.image_url !== 'string') {
        refusals.refuse(`${field}.file_id`, 'an input_image given by file_id is a file stored at OpenAI');
        return undefined;
      }
      return { type: 'image_url', image_url: { url: part.image_url, ...(typeof part.detail === 'string' ? { detail: part.detail } : {}) } };
    default:
      refusals.refuse(`${field}.type`, `content parts of type "${part.type}" cannot be translated`);
      return undefined;
  }
}

function textOf(parts: ContentPart[]): string {
  return parts.map((part) => part.text ?? '').join('');
}

function messageOf(item: MessageItem, field: string, refusals: Refusals): ChatMessage {
  if (typeof item.content === 'string') return { role: item.role, content: item.content };
  const parts = item.content.flatMap((part, index) => chatPart(part, `${field}.content[${index}]`, refusals) ?? []);
  if (item.role === 'user') return { role: 'user', content: parts };
  if (parts.some((part) => part.type !== 'text')) refusals.refuse(`${field}.content`, `a ${item.role} message can only hold text`);
  return { role: item.role, content: textOf(parts) };
}

function toolOutputOf(item: FunctionCallOutputItem, field: string, refusals: Refusals): string {
  if (typeof item.output === 'string') return item.output;
  const parts = item.output.flatMap((part, index) => chatPart(part, `${field}.output[${index}]`, refusals) ?? []);
  if (parts.some((part) => part.type !== 'text')) refusals.refuse(`${field}.output`, 'a tool result sent through Chat Completions can only hold text');
  return textOf(parts);
}

export function convertInput(request: ResponsesRequest, refusals: Refusals): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (typeof request.instructions === 'string' && request.instructions) messages.push({ role: 'system', content: request.instructions });
  if (typeof request.input === 'string') {
    messages.push({ role: 'user', content: request.input });
    return messages;
  }
  for (const [index, raw] of request.input.entries()) {
    const field = `input[${index}]`;
    const type = itemType(raw);
    if (type === 'message') {
      messages.push(messageOf(raw as MessageItem, field, refusals));
    } else if (type === 'function_call') {
      const item = raw as FunctionCallItem;
      const call: ToolCall = { id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments } };
      const last = messages.at(-1);
      if (last?.role === 'assistant') last.tool_calls = [...(last.tool_calls ?? []), call];
      else messages.push({ role: 'assistant', content: null, tool_calls: [call] });
    } else if (type === 'function_call_output') {
      const item = raw as FunctionCallOutputItem;
      messages.push({ role: 'tool', tool_call_id: item.call_id, content: toolOutputOf(item, field, refusals) });
    } else if (type !== 'reasoning') {
      refusals.refuse(`${field}.type`, `input items of type "${type}" cannot be translated`);
    }
  }
  return messages;
}
