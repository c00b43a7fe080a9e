import { type ChatRequest, chatRequestSchema } from '../contract/chat.js';
import { GatewayError } from '../contract/errors.js';
import { bodyValidationError } from '../contract/validation-error.js';

/** Validates the body against the chat schema; a 400 names the first offending field. */
export function validateChatRequest(body: unknown): ChatRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError(400, 'invalid_request_error', 'Request body must be a JSON object with "model" and "messages"');
  }
  // Managed prompts are expanded before validation on Chat Completions (prompts/prompt-stage.ts);
  // a prompt_id still here came through an API that does not expand them, as with Helicone.
  if ('prompt_id' in body) {
    throw new GatewayError(400, 'invalid_request_error', 'Managed prompts (prompt_id) are only expanded on /v1/chat/completions: send the messages themselves', 'prompt_id');
  }
  const result = chatRequestSchema.safeParse(body);
  if (result.success) return result.data as ChatRequest;
  throw bodyValidationError(body, result.error);
}
