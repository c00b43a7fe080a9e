/**
 * Gemini stream (`streamGenerateContent?alt=sse`) -> OpenAI `chat.completion.chunk`s.
 * Every event is a whole GenerateContentResponse holding the next slice of each candidate, so
 * text maps straight to deltas. Usage is cumulative and finishReason arrives with the last slice,
 * so both are held until flush(), where OpenAI expects them.
 */
import type { ChatCompletionChunk, ChatUsage, FinishReason } from '../../contract/chat.js';
import { UpstreamStreamError, type AdapterContext, type SseEvent, type StreamConverter } from '../types.js';
import { applyPartialArgs } from './apply-partial-args.js';
import { convertUsage } from './convert-usage.js';
import { generateCompletionId, generateToolCallId } from './generate-id.js';
import { mapFinishReason } from './map-finish-reason.js';
import { readGoogleError } from './read-error.js';
import { carryThoughtSignature } from './thought-signature.js';
import type { GeminiPart, GenerateContentResponse } from './wire-types.js';

type Delta = ChatCompletionChunk['choices'][number]['delta'];

/** A function call being assembled from Vertex `partialArgs` pieces. */
interface PendingCall {
  id?: string;
  name: string;
  args: Record<string, unknown>;
  thoughtSignature?: string;
}

interface CandidateState {
  index: number;
  /** Whether a chunk for this choice went out yet (the first one carries the role). */
  started: boolean;
  toolCallCount: number;
  finishReason?: string;
  pending?: PendingCall;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

class GeminiStreamConverter implements StreamConverter {
  private id: string | undefined;
  private model: string | undefined;
  private readonly created = Math.floor(Date.now() / 1000);
  private usage: ChatUsage | undefined;
  private promptBlocked = false;
  private readonly candidates = new Map<number, CandidateState>();

  constructor(private readonly ctx: AdapterContext) {}

  usageSoFar(): ChatUsage | undefined {
    return this.usage;
  }

  push(event: SseEvent): ChatCompletionChunk[] {
    const data = event.data.trim();
    if (data.length === 0 || data === '[DONE]') return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      throw new UpstreamStreamError(`Gemini sent a stream event that is not JSON: ${data.slice(0, 200)}`);
    }
    // Without alt=sse Gemini streams a JSON array; accept that shape too.
    const responses = Array.isArray(parsed) ? parsed : [parsed];
    return responses.flatMap((response: unknown) => this.convert(isPlainObject(response) ? response : {}));
  }

  flush(): ChatCompletionChunk[] {
    const chunks: ChatCompletionChunk[] = [];
    for (const state of this.candidates.values()) chunks.push(...this.completePendingCall(state));

    if (this.candidates.size === 0) {
      // No candidate at all: still close choice 0, so clients see a finish_reason.
      const state = this.candidate(0);
      chunks.push(this.chunk(state, {}, this.promptBlocked ? 'content_filter' : 'stop'));
    } else {
      for (const state of this.candidates.values()) {
        chunks.push(this.chunk(state, {}, mapFinishReason(state.finishReason, state.toolCallCount > 0)));
      }
    }

    if (this.usage) chunks.push({ ...this.envelope(), choices: [], usage: this.usage });
    return chunks;
  }

  private convert(response: GenerateContentResponse): ChatCompletionChunk[] {
    if (response.error !== undefined) {
      const error = readGoogleError(response) ?? { message: 'Gemini reported an error in the stream' };
      throw new UpstreamStreamError(error.message, error.type);
    }
    this.id ??= response.responseId;
    this.model ??= response.modelVersion;
    // Cumulative, so the latest full one wins; Vertex's interim chunks carry no counts and are skipped.
    this.usage = convertUsage(response.usageMetadata) ?? this.usage;

    const candidates = Array.isArray(response.candidates) ? response.candidates : [];
    if (candidates.length === 0 && response.promptFeedback?.blockReason) this.promptBlocked = true;

    const chunks: ChatCompletionChunk[] = [];
    candidates.forEach((candidate, position) => {
      const state = this.candidate(candidate.index ?? position);
      for (const part of candidate.content?.parts ?? []) chunks.push(...this.convertPart(state, part));
      if (candidate.finishReason) state.finishReason = candidate.finishReason;
    });
    return chunks;
  }

  private convertPart(state: CandidateState, part: GeminiPart): ChatCompletionChunk[] {
    if (part.functionCall) return this.convertFunctionCall(state, part);
    // Empty text parts only carry a thoughtSignature; they say nothing to an OpenAI client.
    if (typeof part.text !== 'string' || part.text.length === 0) return [];
    return [this.chunk(state, part.thought === true ? { reasoning_content: part.text } : { content: part.text })];
  }

  /**
   * The Gemini API sends a call whole (name and args in one part). Vertex may instead send the
   * name with willContinue: true, then partialArgs pieces, then a closing part without
   * willContinue; the call is emitted once it is complete.
   */
  private convertFunctionCall(state: CandidateState, part: GeminiPart): ChatCompletionChunk[] {
    const call = part.functionCall ?? {};
    const chunks: ChatCompletionChunk[] = [];
    if (typeof call.name === 'string' && call.name.length > 0) {
      chunks.push(...this.completePendingCall(state));
      state.pending = { name: call.name, args: {} };
      if (call.id) state.pending.id = call.id;
    }
    const pending = state.pending;
    if (!pending) return chunks;
    if (isPlainObject(call.args)) Object.assign(pending.args, call.args);
    applyPartialArgs(pending.args, call.partialArgs);
    if (part.thoughtSignature) pending.thoughtSignature ??= part.thoughtSignature;
    if (call.willContinue !== true) chunks.push(...this.completePendingCall(state));
    return chunks;
  }

  private completePendingCall(state: CandidateState): ChatCompletionChunk[] {
    const call = state.pending;
    if (!call) return [];
    state.pending = undefined;
    const index = state.toolCallCount;
    state.toolCallCount += 1;
    const toolCall = {
      index,
      id: call.id ?? generateToolCallId(),
      type: 'function' as const,
      function: { name: call.name, arguments: JSON.stringify(call.args) },
      ...carryThoughtSignature(call.thoughtSignature),
    };
    return [this.chunk(state, { tool_calls: [toolCall] })];
  }

  private candidate(index: number): CandidateState {
    let state = this.candidates.get(index);
    if (!state) {
      state = { index, started: false, toolCallCount: 0 };
      this.candidates.set(index, state);
    }
    return state;
  }

  private envelope(): Pick<ChatCompletionChunk, 'id' | 'object' | 'created' | 'model'> {
    this.id ??= generateCompletionId();
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model ?? this.ctx.model };
  }

  private chunk(state: CandidateState, delta: Delta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    const withRole: Delta = state.started ? delta : { role: 'assistant', ...delta };
    state.started = true;
    return { ...this.envelope(), choices: [{ index: state.index, delta: withRole, finish_reason: finishReason }] };
  }
}

export function createStreamConverter(ctx: AdapterContext): StreamConverter {
  return new GeminiStreamConverter(ctx);
}
