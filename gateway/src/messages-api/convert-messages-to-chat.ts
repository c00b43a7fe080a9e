/**
 * Anthropic `system` and messages -> Chat Completions messages: the reverse of the anthropic
 * adapter's convert-messages.ts. tool_result blocks become `tool` messages (placed first, right
 * after the assistant's tool calls, as OpenAI requires); tool_use blocks become tool_calls.
 * Blocks that only Anthropic understands (thinking, documents, server tool blocks) are left out:
 * they reach Anthropic untouched on the native path and have no Chat Completions equivalent.
 */
import type { ChatMessage, ContentPart, ToolCall } from '../contract/chat.js';
import type { MessagesContentBlock, MessagesMessage, MessagesRequest } from '../contract/messages.js';

export function convertMessagesToChat(system: MessagesRequest['system'], messages: MessagesMessage[]): ChatMessage[] {
  const converted: ChatMessage[] = [];
  const systemText = typeof system === 'string' ? system : joinText(system ?? []);
  if (systemText) converted.push({ role: 'system', content: systemText });
  for (const message of messages) {
    if (message.role === 'user') converted.push(...userMessages(message.content));
    else converted.push(...assistantMessages(message.content));
  }
  return converted;
}

function userMessages(content: MessagesMessage['content']): ChatMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const out: ChatMessage[] = [];
  for (const block of content) {
    if (block.type === 'tool_result') out.push(toolMessage(block));
  }
  const parts = content.flatMap((block) => userPart(block));
  if (parts.length > 0) out.push({ role: 'user', content: compactParts(parts) });
  return out;
}

function assistantMessages(content: MessagesMessage['content']): ChatMessage[] {
  if (typeof content === 'string') return [{ role: 'assistant', content }];
  const text = joinText(content);
  const toolCalls: ToolCall[] = content.filter((block) => block.type === 'tool_use').map(toolCall);
  if (!text && toolCalls.length === 0) return [];
  const message: ChatMessage = { role: 'assistant', content: text || null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return [message];
}

function toolMessage(block: MessagesContentBlock): ChatMessage {
  const content = block.content;
  // Chat tool messages carry text only; images in a tool result have no place there.
  const text = typeof content === 'string' ? content : Array.isArray(content) ? joinText(content as MessagesContentBlock[]) : '';
  return { role: 'tool', tool_call_id: String(block.tool_use_id), content: text };
}

function toolCall(block: MessagesContentBlock): ToolCall {
  return { id: String(block.id), type: 'function', function: { name: String(block.name), arguments: JSON.stringify(block.input ?? {}) } };
}

function userPart(block: MessagesContentBlock): ContentPart[] {
  if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') return [{ type: 'text', text: block.text }];
  if (block.type !== 'image') return [];
  const source = block.source as { type?: string; media_type?: string; data?: string; url?: string };
  if (source.type === 'base64' && source.media_type && source.data) {
    return [{ type: 'image_url', image_url: { url: `data:${source.media_type};base64,${source.data}` } }];
  }
  if (source.type === 'url' && source.url) return [{ type: 'image_url', image_url: { url: source.url } }];
  return [];
}

/** Text alone becomes a plain string: every OpenAI-compatible server takes that, not all take parts. */
function compactParts(parts: ContentPart[]): string | ContentPart[] {
  return parts.every((part) => part.type === 'text') ? parts.map((part) => part.text).join('\n\n') : parts;
}

function joinText(blocks: Array<{ type: string; text?: unknown }>): string {
  return blocks
    .filter((block) => block.type === 'text' && typeof block.text === 'string' && block.text !== '')
    .map((block) => block.text as string)
    .join('\n\n');
}
