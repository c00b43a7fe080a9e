/**
 * OpenAI chat messages -> Anthropic `system` plus alternating user/assistant messages.
 */
import type { ChatMessage, ContentPart, ToolCall } from '../../contract/chat.js';
import type {
  AnthropicImageBlock,
  AnthropicMessageParam,
  AnthropicRequestBlock,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
  AnthropicToolUseBlock,
} from './wire-types.js';
import { isRecord } from './is-record.js';

export interface ConvertedMessages {
  system?: string | AnthropicTextBlock[];
  messages: AnthropicMessageParam[];
}

export function convertMessages(messages: ChatMessage[]): ConvertedMessages {
  const systemBlocks: AnthropicTextBlock[] = [];
  const converted: AnthropicMessageParam[] = [];

  for (const message of messages) {
    switch (message.role) {
      // Anthropic has no system role inside the conversation; all of it goes to the top level.
      case 'system':
      case 'developer':
        systemBlocks.push(...withMessageCacheControl(textBlocks(message.content), message));
        break;
      case 'user':
        append(converted, 'user', withMessageCacheControl(userBlocks(message.content), message));
        break;
      case 'assistant':
        append(converted, 'assistant', withMessageCacheControl(assistantBlocks(message), message));
        break;
      // Tool results travel in a user turn, as tool_result blocks.
      case 'tool':
        append(converted, 'user', [toolResultBlock(message)]);
        break;
      // Deprecated `function` results carry no call id, so they cannot be paired with a tool_use block.
      default:
        break;
    }
  }

  return { system: convertSystem(systemBlocks), messages: converted };
}

/** A plain string unless some block asks for caching, which needs the block form. */
function convertSystem(blocks: AnthropicTextBlock[]): string | AnthropicTextBlock[] | undefined {
  if (blocks.length === 0) return undefined;
  if (blocks.some((block) => block.cache_control !== undefined)) return blocks;
  return blocks.map((block) => block.text).join('\n\n');
}

/** Anthropic rejects two turns of the same role in a row, so consecutive ones are merged. */
function append(messages: AnthropicMessageParam[], role: 'user' | 'assistant', blocks: AnthropicRequestBlock[]): void {
  // Anthropic also rejects empty content, so a message with nothing convertible is left out.
  if (blocks.length === 0) return;
  const last = messages.at(-1);
  if (last && last.role === role) last.content.push(...blocks);
  else messages.push({ role, content: blocks });
}

function textBlocks(content: ChatMessage['content']): AnthropicTextBlock[] {
  if (typeof content === 'string') return content.length > 0 ? [{ type: 'text', text: content }] : [];
  if (!Array.isArray(content)) return [];
  return content.flatMap((part) => {
    const block = textBlock(part);
    return block ? [block] : [];
  });
}

function userBlocks(content: ChatMessage['content']): AnthropicRequestBlock[] {
  if (!Array.isArray(content)) return textBlocks(content);
  return content.flatMap((part): AnthropicRequestBlock[] => {
    const block = part.type === 'image_url' ? imageBlock(part) : textBlock(part);
    return block ? [block] : [];
  });
}

function assistantBlocks(message: ChatMessage): AnthropicRequestBlock[] {
  const blocks: AnthropicRequestBlock[] = textBlocks(message.content);
  for (const call of message.tool_calls ?? []) blocks.push(toolUseBlock(call));
  return blocks;
}

function toolResultBlock(message: ChatMessage): AnthropicToolResultBlock {
  const block: AnthropicToolResultBlock = { type: 'tool_result', tool_use_id: message.tool_call_id ?? '' };
  if (typeof message.content === 'string') {
    if (message.content.length > 0) block.content = message.content;
  } else {
    const blocks = textBlocks(message.content);
    if (blocks.length > 0) block.content = blocks;
  }
  return copyCacheControl(block, message);
}

function toolUseBlock(call: ToolCall): AnthropicToolUseBlock {
  return copyCacheControl(
    { type: 'tool_use', id: call.id, name: call.function.name, input: parseArguments(call.function.arguments) },
    call,
  );
}

/** Anthropic needs an object; arguments that are not a JSON object become `{}`. */
function parseArguments(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** Text parts only; other part types have no Anthropic text equivalent and are left out. */
function textBlock(part: ContentPart): AnthropicTextBlock | undefined {
  if (part.type !== 'text' || typeof part.text !== 'string' || part.text.length === 0) return undefined;
  return copyCacheControl({ type: 'text', text: part.text }, part);
}

function imageBlock(part: ContentPart): AnthropicImageBlock | undefined {
  // Some clients send image_url as a bare string instead of `{ url }`.
  const raw: unknown = part.image_url;
  const url = typeof raw === 'string' ? raw : isRecord(raw) && typeof raw.url === 'string' ? raw.url : undefined;
  if (!url) return undefined;
  if (url.startsWith('data:')) {
    const parsed = parseBase64DataUrl(url);
    return parsed ? copyCacheControl({ type: 'image', source: { type: 'base64', ...parsed } }, part) : undefined;
  }
  if (/^https?:\/\//i.test(url)) return copyCacheControl({ type: 'image', source: { type: 'url', url } }, part);
  return undefined;
}

/** `data:image/png;base64,AAAA` -> media type and data. Non-base64 data URLs are not images Anthropic takes. */
function parseBase64DataUrl(url: string): { media_type: string; data: string } | undefined {
  const match = /^data:([^;,]+)((?:;[^;,]*)*);base64,(.*)$/s.exec(url);
  if (!match) return undefined;
  return { media_type: match[1]!, data: match[3]! };
}

/** A message-level cache_control marks the end of that message: its last block. */
function withMessageCacheControl<T extends AnthropicRequestBlock>(blocks: T[], message: ChatMessage): T[] {
  const last = blocks.at(-1);
  if (last && isRecord(message.cache_control)) last.cache_control = message.cache_control;
  return blocks;
}

function copyCacheControl<T extends AnthropicRequestBlock>(block: T, source: object): T {
  const cacheControl = (source as Record<string, unknown>).cache_control;
  if (isRecord(cacheControl)) block.cache_control = cacheControl;
  return block;
}
