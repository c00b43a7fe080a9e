/**
 * The API a client speaks to the gateway: Chat Completions, OpenAI's Responses or Anthropic's
 * Messages. The pipeline (auth, routing, retries, cache, rate limits, log) runs on Chat
 * Completions; a dialect turns the client's request into one, picks per attempt whether the
 * provider can take the client's own body (native: its bytes go back as they are), and turns
 * translated answers, chunks and errors back into the client's shapes.
 */
import type { ChatCompletion, ChatCompletionChunk, ChatRequest } from '../contract/chat.js';
import type { GatewayError } from '../contract/errors.js';
import type { Gateway } from '../server/gateway.js';
import type { RequestLog } from './request-log.js';
import type { AdapterChoice } from './run-attempts.js';

/** Writes one translated stream in the client's SSE format; each method returns the text to send. */
export interface StreamEncoder {
  /** The events one chat chunk becomes (often one, sometimes none). */
  chunk(chunk: ChatCompletionChunk): string;
  /** The stream's successful end (e.g. `data: [DONE]`). */
  end(): string;
  /** The event that ends a stream which failed after it began. */
  error(message: string, type: string): string;
}

export interface ClientDialect {
  /** For logs and errors: "chat", "responses", "messages". */
  name: string;
  /** A header this API's clients send their key in, accepted as the gateway key (Anthropic's x-api-key). */
  apiKeyHeader?: string;
  /**
   * Reads the client's parsed body into the chat request the pipeline runs; a 400 names the
   * field. May consult the gateway (managed prompts) and note things for the log.
   */
  toChatRequest(body: unknown, gateway: Gateway, log: RequestLog): ChatRequest | Promise<ChatRequest>;
  /**
   * Per attempt: the adapter, and whether it sends the client's body (and API headers) as it is.
   * `request` is the chat request as the pipeline runs it: when a context-limit handler shortened
   * its messages, the client's own body no longer says what to send, so attempts are translated.
   */
  adapterChoice(body: unknown, headers: NodeJS.Dict<string | string[]>, request: ChatRequest): AdapterChoice;
  /** The client's answer for a translated (non-native) completion, as text. */
  encodeCompletion(completion: ChatCompletion, request: ChatRequest): string;
  /** Reads an answer in the client's format (a cached one) back as a completion, for the log. */
  decodeAnswer(text: string): ChatCompletion;
  createStreamEncoder(request: ChatRequest): StreamEncoder;
  /** An error in the client's shape; `data: ` framed inside streams by the encoder. */
  errorBody(error: GatewayError): object;
}
