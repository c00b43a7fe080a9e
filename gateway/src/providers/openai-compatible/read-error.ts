import type { ProviderError } from '../types.js';

/** Reads `{"error": {"message", "type"}}` (OpenAI and most compatible servers) or plain text. */
export function readOpenAIError(status: number, bodyText: string, providerLabel = 'The provider'): ProviderError {
  try {
    const parsed = JSON.parse(bodyText) as { error?: unknown; message?: unknown; detail?: unknown };
    const error = parsed?.error;
    if (error && typeof error === 'object') {
      const { message, type, code } = error as { message?: unknown; type?: unknown; code?: unknown };
      if (typeof message === 'string') {
        return { message, type: typeof type === 'string' ? type : typeof code === 'string' ? code : undefined };
      }
    }
    if (typeof error === 'string') return { message: error };
    if (typeof parsed?.message === 'string') return { message: parsed.message };
    if (typeof parsed?.detail === 'string') return { message: parsed.detail };
  } catch {
    // Not JSON: fall through to the text.
  }
  const text = bodyText.trim().slice(0, 500);
  return { message: text || `${providerLabel} returned HTTP ${status}` };
}
