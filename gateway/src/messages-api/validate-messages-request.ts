import { GatewayError } from '../contract/errors.js';
import { type CountTokensRequest, countTokensRequestSchema, type MessagesRequest, messagesRequestSchema } from '../contract/messages.js';
import { bodyValidationError } from '../contract/validation-error.js';

function requireObject(body: unknown): object {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError(400, 'invalid_request_error', 'Request body must be a JSON object with "model", "max_tokens" and "messages"');
  }
  return body;
}

/** A Messages request body; a 400 names the first offending field. */
export function validateMessagesRequest(body: unknown): MessagesRequest {
  const result = messagesRequestSchema.safeParse(requireObject(body));
  if (result.success) return result.data as MessagesRequest;
  throw bodyValidationError(body, result.error);
}

export function validateCountTokensRequest(body: unknown): CountTokensRequest {
  const result = countTokensRequestSchema.safeParse(requireObject(body));
  if (result.success) return result.data as CountTokensRequest;
  throw bodyValidationError(body, result.error);
}
