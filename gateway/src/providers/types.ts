/**
 * What a provider adapter is: one wire format's translation to and from OpenAI Chat Completions.
 * The pipeline only ever sees OpenAI shapes; adapters hide everything provider-specific.
 */
import type { ChatCompletion, ChatCompletionChunk, ChatRequest, ChatUsage } from '../contract/chat.js';

export type WireFormat = 'openai' | 'anthropic' | 'gemini' | 'azure' | 'mock';

/** A configured provider: where it lives and how to authenticate. */
export interface ProviderConfig {
  /** Provider name as used in model strings, e.g. "openai", "anthropic", "groq". */
  name: string;
  format: WireFormat;
  /** Base URL without a trailing slash, e.g. "https://api.openai.com/v1". */
  baseUrl: string;
  /** The provider key, or undefined for providers that need none (ollama, mock). */
  apiKey?: string;
  /** Azure OpenAI: the api-version query parameter. */
  apiVersion?: string;
}

export interface AdapterContext {
  provider: ProviderConfig;
  /** The model id to send to the provider (Azure: the deployment name). */
  model: string;
  /** The client's request, OpenAI-shaped. Adapters must not mutate it. */
  request: ChatRequest;
  stream: boolean;
}

export interface UpstreamRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** One server-sent event as received from upstream. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** Converts one upstream stream into OpenAI chunks, one event at a time. */
export interface StreamConverter {
  /**
   * Takes one upstream event and returns the OpenAI chunks it becomes (often none).
   * Throws UpstreamStreamError when the event reports an error (e.g. Anthropic's `error` event).
   */
  push(event: SseEvent): ChatCompletionChunk[];
  /** Called once when upstream ends; returns any chunks still held (e.g. the usage chunk). */
  flush(): ChatCompletionChunk[];
  /** Usage reported so far, for a stream that failed or was cancelled before its usage chunk. */
  usageSoFar?(): ChatUsage | undefined;
}

export interface ProviderError {
  message: string;
  /** Provider's error type or code, if it gave one. */
  type?: string;
}

/** An upstream HTTP response, as the pipeline reads it. */
export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Uint8Array>;
}

export interface ProviderAdapter {
  format: WireFormat;
  /**
   * True when the provider already speaks OpenAI Chat Completions: its responses and stream
   * events are forwarded as they are, and parsed only after the client has them.
   */
  passthrough?: boolean;
  /** Answers in-process instead of over HTTP (the offline mock provider). */
  send?(request: UpstreamRequest, ctx: AdapterContext, signal: AbortSignal): Promise<UpstreamResponse>;
  /** Builds URL, headers (with auth) and body for one attempt. */
  buildRequest(ctx: AdapterContext): UpstreamRequest;
  /** Converts a successful non-streaming response body (parsed JSON) to an OpenAI completion. */
  convertResponse(body: unknown, ctx: AdapterContext): ChatCompletion;
  /** Creates a converter for a streaming response. */
  createStreamConverter(ctx: AdapterContext): StreamConverter;
  /** Reads a provider error body (raw text, may not be JSON) into a message. */
  readError(status: number, bodyText: string): ProviderError;
}

/** An error reported by upstream in the middle of a stream. */
export class UpstreamStreamError extends Error {
  constructor(
    message: string,
    readonly type: string = 'upstream_stream_error',
  ) {
    super(message);
    this.name = 'UpstreamStreamError';
  }
}
