/**
 * Helicone's custom (non-LLM) events, sent through the manual logger with a `_type` in the request
 * JSON (the SDK also copies `_type`, `toolName` and `name` into the response JSON):
 * - `{_type: "tool", toolName, input, ...}`      -> model "tool:<toolName>", provider "tool";
 * - `{_type: "vector_db", operation, ...}`       -> model "vector_db",       provider "vector_db";
 * - `{_type: "data", name, ...}`                 -> model "data:<name>",     provider "data".
 * Model names are Helicone's (its log processor names them the same way), so queries filtering on
 * `model` match; an explicit string `model` in the request JSON wins. Events have no tokens and no cost.
 */
import { GatewayError } from '../contract/errors.js';
import { isObject, type JsonObject } from './read-usage.js';

export type CustomEventType = 'tool' | 'vector_db' | 'data';

export interface CustomEvent {
  type: CustomEventType;
  /** The model name the event is logged under. */
  model: string;
  /** The provider the event is logged under: its type. */
  provider: CustomEventType;
}

const eventTypes: ReadonlySet<unknown> = new Set<CustomEventType>(['tool', 'vector_db', 'data']);

function requiredName(source: JsonObject, key: string, where: string, example: string): string {
  const value = source[key];
  if (typeof value !== 'string' || value.trim() === '') {
    const field = `${where}.${key}`;
    throw new GatewayError(400, 'invalid_request_error', `Invalid "${field}": a ${String(source._type)} event needs a non-empty string ${key}, e.g. ${example}`, field);
  }
  return value.trim();
}

/** The event in the request JSON (or, failing that, the response JSON), or null for an ordinary LLM request. */
export function readCustomEvent(requestJson: JsonObject, responseJson: unknown): CustomEvent | null {
  let source: JsonObject;
  let where: string;
  if (eventTypes.has(requestJson._type)) {
    source = requestJson;
    where = 'providerRequest.json';
  } else if (isObject(responseJson) && eventTypes.has(responseJson._type)) {
    source = responseJson;
    where = 'providerResponse.json';
  } else {
    return null;
  }
  const type = source._type as CustomEventType;
  let model: string;
  if (type === 'tool') model = `tool:${requiredName(source, 'toolName', where, '"calculator"')}`;
  else if (type === 'data') model = `data:${requiredName(source, 'name', where, '"user_query"')}`;
  else model = 'vector_db';
  const explicit = typeof requestJson.model === 'string' ? requestJson.model.trim() : '';
  return { type, model: explicit || model, provider: type };
}
