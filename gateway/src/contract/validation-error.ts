/**
 * One way to turn a zod failure on a request body into a 400: the first issue, with the field's
 * path (`messages[0].role`), "is required" when the field is missing, and unknown fields named.
 */
import type { z } from 'zod';
import { GatewayError } from './errors.js';

export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
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

export function bodyValidationError(body: unknown, error: z.ZodError): GatewayError {
  const issue = error.issues[0]!;
  const field = fieldPath(issue.path) || 'body';
  let message: string;
  if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  else if (issue.code === 'invalid_type' && valueAt(body, issue.path) === undefined) message = `${field} is required`;
  else if (issue.code === 'custom') message = `${field} ${issue.message}`;
  else message = issue.message;
  return new GatewayError(400, 'invalid_request_error', `Invalid "${field}": ${message}`, field);
}
