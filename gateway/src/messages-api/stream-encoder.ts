/**
 * Chat Completions chunks -> Anthropic's SSE sequence, in the order @anthropic-ai/sdk and Claude
 * Code expect: message_start, then per content block content_block_start, its deltas and
 * content_block_stop (text, thinking, tool_use with input_json_delta), then message_delta with
 * stop_reason and usage, and message_stop. Every event is named (`event: …`): the SDK skips
 * unnamed ones. Usage arrives after the finish_reason in Chat streams, so the ending waits for end().
 */
import type { ChatCompletionChunk, ChatUsage, FinishReason } from '../contract/chat.js';
import type { StreamEncoder } from '../pipeline/client-dialect.js';
import { convertUsageToMessages } from './convert-usage-to-messages.js';
import { anthropicErrorType } from './error-body.js';
import { mapStopReason } from './map-stop-reason.js';
import { messageIdOf } from './message-id.js';

type OpenBlock = { kind: 'text' | 'thinking' } | { kind: 'tool'; toolIndex: number };

export function sse(type: string, payload: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;
}

export class MessagesStreamEncoder implements StreamEncoder {
  private started = false;
  private blockCount = 0;
  private open: (OpenBlock & { index: number }) | undefined;
  /** Content block index of each tool call, by its index among the chunk's tool_calls. */
  private readonly toolBlocks = new Map<number, number>();
  private finishReason: FinishReason | null = null;
  private usage: ChatUsage | undefined;

  constructor(private readonly requestedModel: string) {}

  chunk(chunk: ChatCompletionChunk): string {
    let out = this.start(chunk);
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) return out;
    const delta = choice.delta ?? {};
    if (typeof delta.reasoning_content === 'string' && delta.reasoning_content) {
      out += this.ensureOpen({ kind: 'thinking' }) + this.delta({ type: 'thinking_delta', thinking: delta.reasoning_content });
    }
    if (typeof delta.content === 'string' && delta.content) {
      out += this.ensureOpen({ kind: 'text' }) + this.delta({ type: 'text_delta', text: delta.content });
    }
    for (const call of delta.tool_calls ?? []) out += this.toolCall(call);
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    return out;
  }

  end(): string {
    return `${this.start(undefined)}${this.close()}${sse('message_delta', {
      delta: { stop_reason: mapStopReason(this.finishReason), stop_sequence: null },
      usage: convertUsageToMessages(this.usage),
    })}${sse('message_stop', {})}`;
  }

  error(message: string, type: string): string {
    return sse('error', { error: { type: anthropicErrorType(500, type), message } });
  }

  private start(chunk: ChatCompletionChunk | undefined): string {
    if (this.started) return '';
    this.started = true;
    const message = {
      id: messageIdOf(chunk?.id),
      type: 'message',
      role: 'assistant',
      model: chunk?.model || this.requestedModel,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      // The provider tells the usage at the end; message_delta carries it.
      usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    };
    return sse('message_start', { message });
  }

  private toolCall(call: NonNullable<ChatCompletionChunk['choices'][number]['delta']['tool_calls']>[number]): string {
    let out = '';
    let blockIndex = this.toolBlocks.get(call.index);
    if (blockIndex === undefined) {
      out += this.close();
      blockIndex = this.blockCount++;
      this.toolBlocks.set(call.index, blockIndex);
      this.open = { kind: 'tool', toolIndex: call.index, index: blockIndex };
      const block = { type: 'tool_use', id: call.id ?? '', name: call.function?.name ?? '', input: {} };
      out += sse('content_block_start', { index: blockIndex, content_block: block });
    }
    const fragment = call.function?.arguments;
    if (typeof fragment === 'string' && fragment !== '') {
      out += sse('content_block_delta', { index: blockIndex, delta: { type: 'input_json_delta', partial_json: fragment } });
    }
    return out;
  }

  /** Opens a text or thinking block unless one of that kind is the open one. */
  private ensureOpen(block: { kind: 'text' | 'thinking' }): string {
    if (this.open?.kind === block.kind) return '';
    const out = this.close();
    const index = this.blockCount++;
    this.open = { ...block, index };
    const contentBlock = block.kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' };
    return out + sse('content_block_start', { index, content_block: contentBlock });
  }

  private delta(delta: object): string {
    return sse('content_block_delta', { index: this.open!.index, delta });
  }

  private close(): string {
    if (!this.open) return '';
    const index = this.open.index;
    this.open = undefined;
    return sse('content_block_stop', { index });
  }
}
