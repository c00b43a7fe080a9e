/**
 * Anthropic Messages stream events -> OpenAI chat.completion.chunk objects.
 */
import { randomUUID } from 'node:crypto';
import type { ChatCompletionChunk, ChatUsage, FinishReason } from '../../contract/chat.js';
import { type AdapterContext, type SseEvent, type StreamConverter, UpstreamStreamError } from '../types.js';
import { convertUsage, mergeUsage } from './convert-usage.js';
import { isRecord } from './is-record.js';
import { mapFinishReason } from './map-finish-reason.js';
import type { AnthropicUsage } from './wire-types.js';

type Delta = ChatCompletionChunk['choices'][number]['delta'];

/** A client tool call in progress, keyed by its Anthropic content block index. */
interface OpenToolCall {
  /** Position among the tool calls of this response: OpenAI's tool_calls[].index. */
  index: number;
  sentArguments: boolean;
  /** Input given whole in content_block_start; Anthropic itself sends `{}` and streams the rest. */
  startInput: unknown;
}

export function createStreamConverter(ctx: AdapterContext): StreamConverter {
  return new AnthropicStreamConverter(ctx.model);
}

class AnthropicStreamConverter implements StreamConverter {
  private id = `chatcmpl-${randomUUID()}`;
  private model: string;
  private readonly created = Math.floor(Date.now() / 1000);
  private started = false;
  private usage: AnthropicUsage = {};
  private stopReason: string | null = null;
  private readonly toolCalls = new Map<number, OpenToolCall>();

  constructor(model: string) {
    this.model = model;
  }

  usageSoFar(): ChatUsage | undefined {
    return Object.keys(this.usage).length > 0 ? convertUsage(this.usage) : undefined;
  }

  push(event: SseEvent): ChatCompletionChunk[] {
    if (event.data.trim() === '') return [];
    const payload = parseEvent(event.data);
    const type = typeof payload.type === 'string' ? payload.type : event.event;

    switch (type) {
      case 'message_start':
        return this.onMessageStart(payload.message);
      case 'content_block_start':
        return this.onBlockStart(payload.index, payload.content_block);
      case 'content_block_delta':
        return this.onBlockDelta(payload.index, payload.delta);
      case 'content_block_stop':
        return this.onBlockStop(payload.index);
      case 'message_delta':
        if (isRecord(payload.delta) && typeof payload.delta.stop_reason === 'string') {
          this.stopReason = payload.delta.stop_reason;
        }
        if (isRecord(payload.usage)) this.usage = mergeUsage(this.usage, payload.usage as AnthropicUsage);
        return [];
      case 'message_stop':
        return [
          this.chunk({}, mapFinishReason(this.stopReason)),
          { ...this.base(), choices: [], usage: convertUsage(this.usage) },
        ];
      case 'error':
        throw streamError(payload.error);
      // ping, and event types Anthropic may add later: nothing for the client.
      default:
        return [];
    }
  }

  /** Every chunk was already sent by message_stop; a stream without it is cut, and the pipeline judges that. */
  flush(): ChatCompletionChunk[] {
    return [];
  }

  private onMessageStart(message: unknown): ChatCompletionChunk[] {
    // A repeated message_start must not open a second assistant message.
    if (this.started) return [];
    this.started = true;
    if (isRecord(message)) {
      if (typeof message.id === 'string') this.id = message.id;
      if (typeof message.model === 'string') this.model = message.model;
      if (isRecord(message.usage)) this.usage = mergeUsage(undefined, message.usage as AnthropicUsage);
    }
    return [this.chunk({ role: 'assistant', content: '' })];
  }

  private onBlockStart(index: unknown, block: unknown): ChatCompletionChunk[] {
    if (!isRecord(block)) return [];
    if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') {
      return [this.chunk({ content: block.text })];
    }
    if (block.type === 'thinking' && typeof block.thinking === 'string' && block.thinking !== '') {
      return [this.chunk({ reasoning_content: block.thinking })];
    }
    // server_tool_use and other server blocks ran on Anthropic's side; they are not client tool calls.
    if (block.type !== 'tool_use' || typeof index !== 'number') return [];

    const call: OpenToolCall = { index: this.toolCalls.size, sentArguments: false, startInput: block.input };
    this.toolCalls.set(index, call);
    return [
      this.chunk({
        tool_calls: [
          {
            index: call.index,
            id: String(block.id ?? ''),
            type: 'function',
            function: { name: String(block.name ?? ''), arguments: '' },
          },
        ],
      }),
    ];
  }

  private onBlockDelta(index: unknown, delta: unknown): ChatCompletionChunk[] {
    if (!isRecord(delta)) return [];
    if (delta.type === 'text_delta' && typeof delta.text === 'string' && delta.text !== '') {
      return [this.chunk({ content: delta.text })];
    }
    if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string' && delta.thinking !== '') {
      return [this.chunk({ reasoning_content: delta.thinking })];
    }
    if (delta.type === 'input_json_delta' && typeof index === 'number') {
      const call = this.toolCalls.get(index);
      // Deltas of server tool blocks have no open call; empty fragments carry nothing.
      if (!call || typeof delta.partial_json !== 'string' || delta.partial_json === '') return [];
      call.sentArguments = true;
      return [this.argumentsChunk(call.index, delta.partial_json)];
    }
    return [];
  }

  /**
   * A tool call without arguments streams only an empty fragment; OpenAI clients expect the
   * arguments to parse as JSON, so they get "{}" (or the input content_block_start gave).
   */
  private onBlockStop(index: unknown): ChatCompletionChunk[] {
    if (typeof index !== 'number') return [];
    const call = this.toolCalls.get(index);
    if (!call || call.sentArguments) return [];
    call.sentArguments = true;
    const input = isRecord(call.startInput) ? call.startInput : {};
    return [this.argumentsChunk(call.index, JSON.stringify(input))];
  }

  private argumentsChunk(index: number, fragment: string): ChatCompletionChunk {
    return this.chunk({ tool_calls: [{ index, function: { arguments: fragment } }] });
  }

  private chunk(delta: Delta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    return { ...this.base(), choices: [{ index: 0, delta, finish_reason: finishReason }] };
  }

  private base(): Pick<ChatCompletionChunk, 'id' | 'object' | 'created' | 'model'> {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model };
  }
}

function parseEvent(data: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new UpstreamStreamError('Anthropic sent a stream event that is not valid JSON', 'invalid_stream_event');
  }
  if (!isRecord(parsed)) {
    throw new UpstreamStreamError('Anthropic sent a stream event that is not a JSON object', 'invalid_stream_event');
  }
  return parsed;
}

function streamError(error: unknown): UpstreamStreamError {
  const message = isRecord(error) && typeof error.message === 'string' ? error.message : 'Anthropic reported a stream error';
  const type = isRecord(error) && typeof error.type === 'string' ? error.type : undefined;
  return new UpstreamStreamError(message, type);
}
