/**
 * What the log needs from `providerResponse`: token usage, the model that answered, and an error
 * message for failures. The body may be JSON (`json`) or text (`textBody`: a JSON document, an SSE
 * stream or one chunk per line); streams are read event by event:
 * - OpenAI Chat chunks, Gemini chunks: the last usage seen (they are cumulative or final);
 * - Anthropic: `message_start` usage merged with `message_delta` usage (the latter is final);
 * - OpenAI Responses: the usage in `response.completed` (`event.response.usage`).
 */
import { cancelledStatus } from '../log/log-record.js';
import type { TokenUsage } from '../contract/usage.js';
import { mergeUsage } from '../providers/anthropic/convert-usage.js';
import type { AnthropicUsage } from '../providers/anthropic/wire-types.js';
import { jsonValuesInText } from './read-text-body.js';
import { isObject, readAnthropicUsage, readUsage, type JsonObject } from './read-usage.js';

export interface ResponseReading {
  usage: TokenUsage | null;
  model: string | null;
  errorMessage: string | null;
}

const maxErrorLength = 1000;

const nonEmpty = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The JSON objects of the response: `json` (an object, or an array of chunks), then those in `textBody`. */
export function responseObjects(json: unknown, textBody: string | null | undefined): JsonObject[] {
  const values: unknown[] = Array.isArray(json) ? [...json] : json !== undefined && json !== null ? [json] : [];
  if (typeof textBody === 'string') values.push(...jsonValuesInText(textBody));
  return values.filter(isObject);
}

/** Usage over a whole response: one body, or the events of a stream in order. */
export function usageFromObjects(objects: readonly JsonObject[]): TokenUsage | null {
  let anthropic: AnthropicUsage | undefined;
  let last: TokenUsage | null = null;
  for (const object of objects) {
    if (object.type === 'message_start' && isObject(object.message) && isObject(object.message.usage)) {
      anthropic = mergeUsage(anthropic, object.message.usage as AnthropicUsage);
      continue;
    }
    if (object.type === 'message_delta' && isObject(object.usage)) {
      anthropic = mergeUsage(anthropic, object.usage as AnthropicUsage);
      continue;
    }
    const found = readUsage(object) ?? (isObject(object.response) ? readUsage(object.response) : null);
    if (found) last = found;
  }
  return (anthropic && readAnthropicUsage(anthropic)) ?? last;
}

/** The first model named by the response: `model`, Anthropic's `message.model`, Responses' `response.model`, Gemini's `modelVersion`. */
export function modelFromObjects(objects: readonly JsonObject[]): string | null {
  for (const object of objects) {
    const model =
      nonEmpty(object.model) ??
      (isObject(object.message) ? nonEmpty(object.message.model) : null) ??
      (isObject(object.response) ? nonEmpty(object.response.model) : null) ??
      nonEmpty(object.modelVersion);
    if (model) return model;
  }
  return null;
}

function truncate(text: string): string {
  return text.length > maxErrorLength ? `${text.slice(0, maxErrorLength)}…` : text;
}

/** `error.message` (OpenAI, Anthropic, Gemini), a string `error`, or a top-level `message`. */
function errorFromObject(object: JsonObject): string | null {
  if (isObject(object.error)) return nonEmpty(object.error.message);
  return nonEmpty(object.error) ?? nonEmpty(object.message);
}

/**
 * Null unless the status is a failure (>= 400, or <= 0: no response). Prefers an error object's
 * message, then the first line of a text body, then "HTTP <status>".
 */
export function errorMessageFor(status: number, objects: readonly JsonObject[], textBody: string | null | undefined): string | null {
  if (status === cancelledStatus) return 'client cancelled the request before the response ended';
  if (status > 0 && status < 400) return null;
  for (const object of objects) {
    const message = errorFromObject(object);
    if (message) return truncate(message);
  }
  const firstLine = typeof textBody === 'string' ? textBody.split(/\r?\n/).find((line) => line.trim() !== '') : undefined;
  if (firstLine) return truncate(firstLine.trim());
  return `HTTP ${status}`;
}

export function readResponse(response: { json?: unknown; textBody?: string | null }, status: number): ResponseReading {
  const objects = responseObjects(response.json, response.textBody);
  return {
    usage: usageFromObjects(objects),
    model: modelFromObjects(objects),
    errorMessage: errorMessageFor(status, objects, response.textBody),
  };
}
