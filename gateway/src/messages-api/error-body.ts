/**
 * Errors in Anthropic's shape, `{"type":"error","error":{"type":"…","message":"…"}}`, so that
 * @anthropic-ai/sdk raises the matching error class (RateLimitError, AuthenticationError, …).
 */
import type { GatewayError } from '../contract/errors.js';
import type { MessagesErrorBody } from '../contract/messages.js';

/** Anthropic's error types; a provider's own type (from a native attempt) is kept when it is one. */
const anthropicTypes = new Set([
  'invalid_request_error',
  'authentication_error',
  'billing_error',
  'permission_error',
  'not_found_error',
  'request_too_large',
  'rate_limit_error',
  'timeout_error',
  'api_error',
  'overloaded_error',
]);

export function anthropicErrorType(status: number, type: string): string {
  if (anthropicTypes.has(type)) return type;
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 408 || status === 504) return 'timeout_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 529) return 'overloaded_error';
  if (status >= 400 && status < 500) return 'invalid_request_error';
  return 'api_error';
}

export function messagesErrorBody(error: GatewayError): MessagesErrorBody {
  return { type: 'error', error: { type: anthropicErrorType(error.status, error.type), message: error.message } };
}
