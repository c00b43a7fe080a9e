/**
 * Clients of `POST /v1/messages` (Anthropic's Messages API: Claude Code, the Claude Agent SDK,
 * @anthropic-ai/sdk). Providers that speak Messages get the client's body and send their bytes
 * straight back (native); every other provider runs the request as Chat Completions and its
 * answer is translated into a Message or Anthropic's event stream.
 */
import { GatewayError } from '../contract/errors.js';
import type { ClientDialect } from '../pipeline/client-dialect.js';
import { anthropicAdapter } from '../providers/anthropic/index.js';
import { adapterFor } from '../providers/index.js';
import type { AdapterContext } from '../providers/types.js';
import { completionToMessage } from './completion-to-message.js';
import { messagesErrorBody } from './error-body.js';
import { fitOutputTokens } from './fit-output-tokens.js';
import { nativeMessagesAdapter } from './native-request.js';
import { MessagesStreamEncoder } from './stream-encoder.js';
import { isUntouched, toChatRequest } from './to-chat-request.js';
import { validateMessagesRequest } from './validate-messages-request.js';

/** Reading a stored Message back for the log needs no provider: the model comes from the answer. */
const decodeContext: AdapterContext = {
  provider: { name: 'anthropic', format: 'anthropic', baseUrl: '' },
  model: '',
  request: { model: '', messages: [] },
  stream: false,
};

export const messagesDialect: ClientDialect = {
  name: 'messages',
  apiKeyHeader: 'x-api-key',
  toChatRequest(body, _gateway, log) {
    // The target URL grammar appends Chat Completions paths; Messages clients name a provider instead.
    if (log.headers?.targetUrl) {
      throw new GatewayError(
        400,
        'invalid_request_error',
        'Helicone-Target-URL is not supported on /v1/messages: name the provider in the model instead, e.g. claude-sonnet-4-5/anthropic',
        'Helicone-Target-URL',
      );
    }
    return toChatRequest(validateMessagesRequest(body));
  },
  adapterChoice: (body, headers, request) => (attempt) => {
    // Shortened by a context-limit handler, the conversation goes translated even to Anthropic.
    if (attempt.config.format === 'anthropic' && isUntouched(request.messages)) {
      return { adapter: nativeMessagesAdapter(body as Record<string, unknown>, headers), native: true };
    }
    const adapter = adapterFor(attempt.config.format);
    return { adapter: { ...adapter, buildRequest: (ctx) => adapter.buildRequest(fitOutputTokens(ctx)) }, native: false };
  },
  encodeCompletion: (completion, request) => JSON.stringify(completionToMessage(completion, request.model)),
  decodeAnswer: (text) => anthropicAdapter.convertResponse(JSON.parse(text), decodeContext),
  createStreamEncoder: (request) => new MessagesStreamEncoder(request.model),
  errorBody: messagesErrorBody,
};
