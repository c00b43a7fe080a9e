/**
 * Google error bodies -> ProviderError. Google wraps errors as {"error": {code, message, status}},
 * sometimes inside a one-element array; proxies in front of it may answer with plain text or HTML.
 */
import type { ProviderError } from '../types.js';

const MAX_TEXT_LENGTH = 500;

/** Reads Google's error object from a parsed body, or returns undefined if it is not one. */
export function readGoogleError(body: unknown): ProviderError | undefined {
  const wrapper = Array.isArray(body) ? body[0] : body;
  if (typeof wrapper !== 'object' || wrapper === null || !('error' in wrapper)) return undefined;
  const error = (wrapper as { error: unknown }).error;
  if (typeof error === 'string') return { message: error };
  if (typeof error !== 'object' || error === null) return undefined;
  const { message, status } = error as { message?: unknown; status?: unknown };
  const type = typeof status === 'string' && status.length > 0 ? status : undefined;
  return {
    message: typeof message === 'string' && message.length > 0 ? message : (type ?? 'Gemini returned an error'),
    ...(type ? { type } : {}),
  };
}

export function readError(status: number, bodyText: string): ProviderError {
  const text = bodyText.trim();
  try {
    const fromJson = readGoogleError(JSON.parse(text));
    if (fromJson) return fromJson;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return { message: text.length > 0 ? text.slice(0, MAX_TEXT_LENGTH) : `Gemini returned HTTP ${status}` };
}
