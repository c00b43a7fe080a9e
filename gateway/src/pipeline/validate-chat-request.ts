import type { z } from 'zod';
import { type ChatRequest, chatRequestSchema } from '../contract/chat.js';
import { GatewayError } from '../contract/errors.js';

function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

function valueAt(body: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Validates the body against the chat schema; a 400 names the first offending field. */
export function validateChatRequest(body: unknown): ChatRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError(400, 'invalid_request_error', 'Request body must be a JSON object with "model" and "messages"');
  }
  const result = chatRequestSchema.safeParse(body);
  if (result.success) return result.data as ChatRequest;
  const issue: z.core.$ZodIssue = result.error.issues[0]!;
  const field = fieldPath(issue.path) || 'body';
  const missing = issue.code === 'invalid_type' && valueAt(body, issue.path) === undefined;
  const message = missing ? `${field} is required` : issue.message;
  throw new GatewayError(400, 'invalid_request_error', `Invalid "${field}": ${message}`, field);
}
