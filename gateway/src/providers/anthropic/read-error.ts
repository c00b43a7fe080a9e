import type { ProviderError } from '../types.js';
import { isRecord } from './is-record.js';

const MAX_MESSAGE_LENGTH = 500;

/** Reads an Anthropic error body: `{"type":"error","error":{"type":"...","message":"..."}}`. */
export function readError(status: number, bodyText: string): ProviderError {
  const parsed = parseJson(bodyText);
  const error = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : undefined;
  if (error && typeof error.message === 'string' && error.message.length > 0) {
    return typeof error.type === 'string' ? { message: error.message, type: error.type } : { message: error.message };
  }
  // Proxies and load balancers in front of Anthropic may answer with HTML or plain text.
  const text = bodyText.trim().slice(0, MAX_MESSAGE_LENGTH);
  const fallback: ProviderError = { message: text || `Anthropic returned HTTP ${status}` };
  if (error && typeof error.type === 'string') fallback.type = error.type;
  return fallback;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
