/**
 * Clients of `POST /v1/responses` (OpenAI's Responses API: the OpenAI Agents SDK's default, Codex).
 * OpenAI attempts get the client's body and answer natively; the others run Chat Completions and
 * their answers, streams and errors are translated into Responses shapes.
 */
import type { ClientDialect } from '../pipeline/client-dialect.js';
import { responsesAdapterChoice } from './adapter-choice.js';
import { encodeResponse } from './encode-response.js';
import { readResponse } from './read-response.js';
import { ResponsesStreamEncoder } from './stream-encoder.js';
import { sourceOf, toChatRequest, type Translation } from './to-chat-request.js';
import { validateResponsesRequest } from './validate-request.js';

/** Each body's translation, made once by toChatRequest and read again when attempts are chosen. */
const translations = new WeakMap<object, Translation>();

function translationOf(body: unknown): Translation {
  const known = translations.get(body as object);
  if (known) return known;
  const translation = toChatRequest(validateResponsesRequest(body));
  translations.set(body as object, translation);
  return translation;
}

export const responsesDialect: ClientDialect = {
  name: 'responses',
  toChatRequest: (body) => translationOf(body).chat,
  adapterChoice: (body, _headers, request) => {
    const translation = translationOf(body);
    // Shortened by a context-limit handler: the client's body would send the whole conversation.
    const nativeAllowed = request.messages === translation.chat.messages;
    return responsesAdapterChoice(body as Record<string, unknown>, translation.refusal, nativeAllowed);
  },
  encodeCompletion: (completion, request) => JSON.stringify(encodeResponse(completion, sourceOf(request))),
  decodeAnswer: (text) => readResponse(JSON.parse(text)),
  createStreamEncoder: (request) => new ResponsesStreamEncoder(sourceOf(request)),
  errorBody: (error) => error.toBody(),
};
