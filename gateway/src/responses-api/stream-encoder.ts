/**
 * A translated attempt's chat chunks -> the Responses event stream, as OpenAI sends it: named
 * events (`event: response.output_text.delta`) numbered by sequence_number, each output item
 * opened (output_item.added), filled (deltas) and closed (…done) before the next, and
 * response.completed (or response.incomplete) last, with the usage the provider reported.
 */
import type { ChatCompletionChunk, ChatUsage, FinishReason } from '../contract/chat.js';
import type { ResponseObject, ResponseOutputItem, ResponsesRequest } from '../contract/responses.js';
import type { StreamEncoder } from '../pipeline/client-dialect.js';
import { chatUsageToResponses } from './convert-usage.js';
import { statusOf } from './map-status.js';
import { newId, responseEnvelope } from './response-envelope.js';

type OpenItem =
  | { kind: 'message'; id: string; outputIndex: number; text: string }
  | { kind: 'reasoning'; id: string; outputIndex: number; text: string }
  | { kind: 'function'; id: string; outputIndex: number; chatIndex: number; callId: string; name: string; args: string };

type ToolCallDelta = NonNullable<ChatCompletionChunk['choices'][number]['delta']['tool_calls']>[number];

const textPart = (text: string) => ({ type: 'output_text', annotations: [], logprobs: [], text });

export class ResponsesStreamEncoder implements StreamEncoder {
  private sequence = 0;
  private started = false;
  private readonly id = newId('resp');
  private model = '';
  private createdAt = Math.floor(Date.now() / 1000);
  private readonly output: ResponseOutputItem[] = [];
  private open: OpenItem | null = null;
  private finish: FinishReason | null = null;
  private usage: ChatUsage | undefined;

  constructor(private readonly source: ResponsesRequest | undefined) {}

  chunk(chunk: ChatCompletionChunk): string {
    let out = '';
    if (!this.started) {
      this.started = true;
      if (typeof chunk.model === 'string') this.model = chunk.model;
      if (typeof chunk.created === 'number' && chunk.created > 0) this.createdAt = chunk.created;
      out += this.event('response.created', { response: this.response('in_progress') });
      out += this.event('response.in_progress', { response: this.response('in_progress') });
    }
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0);
    if (!choice) return out;
    const delta = choice.delta ?? {};
    if (typeof delta.reasoning_content === 'string' && delta.reasoning_content) out += this.reasoningDelta(delta.reasoning_content);
    if (typeof delta.content === 'string' && delta.content) out += this.textDelta(delta.content);
    for (const call of delta.tool_calls ?? []) out += this.toolDelta(call);
    if (choice.finish_reason) {
      this.finish = choice.finish_reason;
      out += this.close();
    }
    return out;
  }

  end(): string {
    let out = this.started ? '' : this.chunk({ id: '', object: 'chat.completion.chunk', created: 0, model: '', choices: [] });
    out += this.close();
    const { status, incomplete_details } = statusOf(this.finish);
    const response = { ...this.response(status), incomplete_details, usage: this.usage ? chatUsageToResponses(this.usage) : null };
    return out + this.event(status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response });
  }

  /**
   * OpenAI's error event. The documented fields are top-level; OpenAI sends them nested in
   * `error`, which is also what makes the openai SDK throw: both are given.
   */
  error(message: string, type: string): string {
    const error = { type, code: type, message, param: null };
    return this.event('error', { code: type, message, param: null, error });
  }

  private response(status: ResponseObject['status']): ResponseObject {
    return { ...responseEnvelope(this.source, { id: this.id, created_at: this.createdAt, model: this.model, status }), output: [...this.output] };
  }

  private event(type: string, fields: Record<string, unknown>): string {
    const data = JSON.stringify({ type, ...fields, sequence_number: this.sequence++ });
    return `event: ${type}\ndata: ${data}\n\n`;
  }

  private textDelta(text: string): string {
    let out = '';
    if (this.open?.kind !== 'message') {
      out += this.close();
      const item = { kind: 'message' as const, id: newId('msg'), outputIndex: this.output.length, text: '' };
      this.open = item;
      out += this.event('response.output_item.added', { item: { id: item.id, type: 'message', status: 'in_progress', content: [], role: 'assistant' }, output_index: item.outputIndex });
      out += this.event('response.content_part.added', { item_id: item.id, output_index: item.outputIndex, content_index: 0, part: textPart('') });
    }
    const item = this.open as Extract<OpenItem, { kind: 'message' }>;
    item.text += text;
    return out + this.event('response.output_text.delta', { item_id: item.id, output_index: item.outputIndex, content_index: 0, delta: text, logprobs: [] });
  }

  private reasoningDelta(text: string): string {
    let out = '';
    if (this.open?.kind !== 'reasoning') {
      out += this.close();
      const item = { kind: 'reasoning' as const, id: newId('rs'), outputIndex: this.output.length, text: '' };
      this.open = item;
      out += this.event('response.output_item.added', { item: { id: item.id, type: 'reasoning', summary: [] }, output_index: item.outputIndex });
      out += this.event('response.reasoning_summary_part.added', { item_id: item.id, output_index: item.outputIndex, summary_index: 0, part: { type: 'summary_text', text: '' } });
    }
    const item = this.open as Extract<OpenItem, { kind: 'reasoning' }>;
    item.text += text;
    return out + this.event('response.reasoning_summary_text.delta', { item_id: item.id, output_index: item.outputIndex, summary_index: 0, delta: text });
  }

  private toolDelta(call: ToolCallDelta): string {
    let out = '';
    const open = this.open;
    let item: Extract<OpenItem, { kind: 'function' }>;
    if (open?.kind === 'function' && open.chatIndex === call.index) {
      item = open;
      if (call.function?.name && !item.name) item.name = call.function.name;
    } else {
      out += this.close();
      item = { kind: 'function', id: newId('fc'), outputIndex: this.output.length, chatIndex: call.index, callId: call.id ?? newId('fc'), name: call.function?.name ?? '', args: '' };
      this.open = item;
      const added = { id: item.id, type: 'function_call', status: 'in_progress', arguments: '', call_id: item.callId, name: item.name };
      out += this.event('response.output_item.added', { item: added, output_index: item.outputIndex });
    }
    const args = call.function?.arguments;
    if (!args) return out;
    item.args += args;
    return out + this.event('response.function_call_arguments.delta', { item_id: item.id, output_index: item.outputIndex, delta: args });
  }

  /** Ends the open item with its …done events and adds it to the output. */
  private close(): string {
    const item = this.open;
    if (!item) return '';
    this.open = null;
    const at = { item_id: item.id, output_index: item.outputIndex };
    let done: ResponseOutputItem;
    let out = '';
    if (item.kind === 'message') {
      out += this.event('response.output_text.done', { ...at, content_index: 0, text: item.text, logprobs: [] });
      out += this.event('response.content_part.done', { ...at, content_index: 0, part: textPart(item.text) });
      done = { id: item.id, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: item.text, annotations: [], logprobs: [] }] };
    } else if (item.kind === 'reasoning') {
      const part = { type: 'summary_text' as const, text: item.text };
      out += this.event('response.reasoning_summary_text.done', { ...at, summary_index: 0, text: item.text });
      out += this.event('response.reasoning_summary_part.done', { ...at, summary_index: 0, part });
      done = { id: item.id, type: 'reasoning', summary: [part] };
    } else {
      out += this.event('response.function_call_arguments.done', { ...at, arguments: item.args });
      done = { id: item.id, type: 'function_call', status: 'completed', arguments: item.args, call_id: item.callId, name: item.name };
    }
    this.output.push(done);
    return out + this.event('response.output_item.done', { item: done, output_index: item.outputIndex });
  }
}
