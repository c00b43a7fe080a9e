/**
 * OpenAI's Responses event stream (native path) read as chat chunks, for the log: text,
 * reasoning summaries and function-call arguments as deltas, and on response.completed (or
 * response.incomplete) the finish reason with the usage. response.failed and error events
 * are the stream failing: UpstreamStreamError, so the client gets an error event and the log a 500.
 */
import type { ChatCompletionChunk, FinishReason } from '../contract/chat.js';
import { type SseEvent, type StreamConverter, UpstreamStreamError } from '../providers/types.js';
import { responsesUsageToChat } from './convert-usage.js';
import { finishReasonOf } from './map-status.js';

type Delta = ChatCompletionChunk['choices'][number]['delta'];
type Payload = { type?: unknown; response?: Record<string, unknown>; item?: Record<string, unknown>; output_index?: unknown; delta?: unknown; error?: unknown; message?: unknown; code?: unknown };

function failure(payload: Payload): UpstreamStreamError {
  const nested = (payload.error ?? payload.response?.error) as { message?: unknown; code?: unknown; type?: unknown } | null | undefined;
  const message = [nested?.message, payload.message].find((value) => typeof value === 'string') as string | undefined;
  const code = [nested?.code, nested?.type, payload.code].find((value) => typeof value === 'string') as string | undefined;
  return new UpstreamStreamError(`upstream error mid-stream: ${message ?? 'the response failed'}`, code ?? 'upstream_stream_error');
}

export class ResponsesStreamReader implements StreamConverter {
  private id = '';
  private model = '';
  private created = 0;
  /** output_index of each function_call item -> its tool call index in the chat chunks. */
  private readonly toolIndex = new Map<number, number>();

  push(event: SseEvent): ChatCompletionChunk[] {
    let payload: Payload;
    try {
      payload = JSON.parse(event.data) as Payload;
    } catch {
      return [];
    }
    switch (payload?.type ?? event.event) {
      case 'response.created':
      case 'response.in_progress':
        this.remember(payload.response);
        return [];
      case 'response.output_text.delta':
        return this.delta({ content: String(payload.delta ?? '') });
      case 'response.refusal.delta':
        return this.delta({ refusal: String(payload.delta ?? '') });
      case 'response.reasoning_summary_text.delta':
        return this.delta({ reasoning_content: String(payload.delta ?? '') });
      case 'response.output_item.added': {
        const item = payload.item;
        if (item?.type !== 'function_call' || typeof payload.output_index !== 'number') return [];
        const index = this.toolIndex.size;
        this.toolIndex.set(payload.output_index, index);
        const args = typeof item.arguments === 'string' ? item.arguments : '';
        return this.delta({ tool_calls: [{ index, id: String(item.call_id ?? ''), type: 'function', function: { name: String(item.name ?? ''), arguments: args } }] });
      }
      case 'response.function_call_arguments.delta': {
        const index = typeof payload.output_index === 'number' ? this.toolIndex.get(payload.output_index) : undefined;
        if (index === undefined) return [];
        return this.delta({ tool_calls: [{ index, function: { arguments: String(payload.delta ?? '') } }] });
      }
      case 'response.completed':
      case 'response.incomplete': {
        const response = payload.response ?? {};
        this.remember(response);
        const usage = responsesUsageToChat(response.usage);
        return [{ ...this.chunk({}, finishReasonOf(response, this.toolIndex.size > 0)), ...(usage ? { usage } : {}) }];
      }
      case 'response.failed':
      case 'error':
        throw failure(payload);
      default:
        return [];
    }
  }

  flush(): ChatCompletionChunk[] {
    return [];
  }

  private remember(response: Record<string, unknown> | undefined): void {
    if (typeof response?.id === 'string') this.id = response.id;
    if (typeof response?.model === 'string') this.model = response.model;
    if (typeof response?.created_at === 'number') this.created = response.created_at;
  }

  private delta(delta: Delta): ChatCompletionChunk[] {
    return [this.chunk(delta, null)];
  }

  private chunk(delta: Delta, finish: FinishReason | null): ChatCompletionChunk {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model, choices: [{ index: 0, delta, finish_reason: finish }] };
  }
}
