/**
 * The mock provider is driven by directives written in the last user message, so that any
 * client (curl, an SDK, an agent, an MCP tool) can ask for a behaviour without special headers:
 *
 *   mock:error=429        answer with that HTTP status and an OpenAI-style error body
 *   mock:latency=250      wait that many ms before answering
 *   mock:chunk-delay=20   wait that many ms between stream chunks
 *   mock:cut-after=3      stream that many chunks, then drop the connection (a provider failing mid-stream)
 *   mock:tool=get_weather call this tool (the request must declare it) instead of the first one
 *   mock:tools=a,b,c      call these tools in turn, one per step, then answer (an agent loop)
 *   mock:arg=NIO          fill every string argument of a tool call with this value
 *   mock:reply=Hello_world answer this text (underscores become spaces)
 */
import type { ChatMessage } from '../../contract/chat.js';

export interface MockDirectives {
  error?: number;
  latencyMs: number;
  chunkDelayMs: number;
  cutAfter?: number;
  tool?: string;
  /** Tools to call one after another, one per step of the conversation. */
  tools?: string[];
  /** The value for string arguments of tool calls. */
  arg?: string;
  reply?: string;
}

const directivePattern = /mock:([a-z-]+)=(\S+)/g;
const maxDelayMs = 60_000;

export function messageText(message: ChatMessage | undefined): string {
  if (!message) return '';
  if (typeof message.content === 'string') return message.content;
  if (Array.isArray(message.content)) {
    return message.content.map((part) => (typeof part.text === 'string' ? part.text : '')).join(' ');
  }
  return '';
}

function boundedInt(value: string, max: number): number | undefined {
  const parsed = Number.parseInt(value, 10);
  return Number.isFinite(parsed) && parsed >= 0 ? Math.min(parsed, max) : undefined;
}

export function readDirectives(messages: ChatMessage[]): { directives: MockDirectives; text: string } {
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const raw = messageText(lastUser);
  const directives: MockDirectives = { latencyMs: 0, chunkDelayMs: 0 };
  for (const [, name, value] of raw.matchAll(directivePattern)) {
    switch (name) {
      case 'error': {
        const status = boundedInt(value!, 599);
        if (status !== undefined && status >= 400) directives.error = status;
        break;
      }
      case 'latency':
        directives.latencyMs = boundedInt(value!, maxDelayMs) ?? 0;
        break;
      case 'chunk-delay':
        directives.chunkDelayMs = boundedInt(value!, maxDelayMs) ?? 0;
        break;
      case 'cut-after':
        directives.cutAfter = boundedInt(value!, 10_000);
        break;
      case 'tool':
        directives.tool = value;
        break;
      case 'tools':
        directives.tools = value!.split(',').filter(Boolean);
        break;
      case 'arg':
        directives.arg = value!.replace(/_/g, ' ');
        break;
      case 'reply':
        directives.reply = value!.replace(/_/g, ' ');
        break;
    }
  }
  const text = raw.replace(directivePattern, '').replace(/\s+/g, ' ').trim();
  return { directives, text };
}
