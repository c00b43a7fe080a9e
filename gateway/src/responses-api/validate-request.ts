/**
 * Checks a Responses body: the top-level fields, then each input item, content part and tool
 * against the schema of its type, so a 400 names the exact field (`input[2].call_id`). Types the
 * gateway does not know pass: OpenAI judges them on the native path, translation refuses them.
 */
import { z } from 'zod';
import { GatewayError } from '../contract/errors.js';
import { contentPartSchemas, functionToolSchema, inputItemSchemas, jsonSchemaFormatSchema, type ResponsesRequest, responsesRequestSchema } from '../contract/responses.js';
import { bodyValidationError } from '../contract/validation-error.js';

/** The type an input item is read as: messages may leave out `type`. */
export function itemType(item: { type?: unknown; role?: unknown }): string | undefined {
  if (typeof item.type === 'string') return item.type;
  return item.role !== undefined ? 'message' : undefined;
}

function check(body: unknown, schema: z.ZodType, value: unknown, path: PropertyKey[]): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  const issues = result.error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] }));
  throw bodyValidationError(body, new z.ZodError(issues));
}

const known = <T extends object>(table: T, type: unknown): type is keyof T => typeof type === 'string' && Object.hasOwn(table, type);

export function validateResponsesRequest(body: unknown): ResponsesRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GatewayError(400, 'invalid_request_error', 'Request body must be a JSON object with "model" and "input"');
  }
  // Helicone's hosted gateway refuses its managed prompts on this API with this message.
  if ('prompt_id' in body) {
    throw new GatewayError(400, 'invalid_request_error', 'Helicone Prompts is not supported for Responses API format on the AI Gateway', 'prompt_id');
  }
  // A union's own message would not say the field is missing.
  if ((body as { input?: unknown }).input === undefined) {
    throw new GatewayError(400, 'invalid_request_error', 'Invalid "input": input is required (a string, or an array of input items)', 'input');
  }
  check(body, responsesRequestSchema, body, []);
  const request = body as ResponsesRequest;

  if (Array.isArray(request.input)) {
    for (const [index, item] of request.input.entries()) {
      const type = itemType(item);
      if (type === undefined) {
        throw new GatewayError(400, 'invalid_request_error', `Invalid "input[${index}]": an input item needs a "type" (or a "role" for a message)`, `input[${index}]`);
      }
      if (known(inputItemSchemas, type)) check(body, inputItemSchemas[type], item, ['input', index]);
      if (type === 'message' && Array.isArray(item.content)) {
        for (const [partIndex, part] of (item.content as Array<{ type: string }>).entries()) {
          if (known(contentPartSchemas, part.type)) check(body, contentPartSchemas[part.type], part, ['input', index, 'content', partIndex]);
        }
      }
    }
  }
  for (const [index, tool] of (request.tools ?? []).entries()) {
    if (tool.type === 'function') check(body, functionToolSchema, tool, ['tools', index]);
  }
  const format = request.text?.format;
  if (format?.type === 'json_schema') check(body, jsonSchemaFormatSchema, format, ['text', 'format']);
  return request;
}
