import { type ChatRequest, chatRequestSchema } from '../contract/chat.js';
import { GatewayError } from '../contract/errors.js';
import { bodyValidationError } from '../contract/validation-error.js';

/** Validates the body against the chat schema; a 400 names the first offending field. */
export function validateChatRequest(body: unknown): ChatRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError(400, 'invalid_request_error', 'Request body must be a JSON object with "model" and "messages"');
  }
  const result = chatRequestSchema.safeParse(body);
  if (result.success) return result.data as ChatRequest;
  throw bodyValidationError(body, result.error);
}
