/**
 * The JSON values inside a response sent as text (`providerResponse.textBody`). The manual logger
 * sends whatever text it was given or collected, so several shapes arrive:
 * - one JSON document (`logSingleRequest(request, JSON.stringify(response))`), possibly an array
 *   of chunks (Gemini's non-SSE `streamGenerateContent`);
 * - server-sent events, `data: {...}` lines (a provider's raw stream, passed to `logSingleStream`);
 * - one JSON value per line (what `HeliconeLogBuilder.toReadableStream` records, and the OpenAI
 *   SDK's `Stream.toReadableStream()` produces).
 * Anything else is skipped: plain text, `event:`/`id:` lines, comments, `data: [DONE]`, the error
 * stack `HeliconeLogBuilder` puts before the body on failure. A `data:` payload split over several
 * lines is not joined (providers send each payload on one line).
 */

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const looksLikeJson = (text: string): boolean => text.startsWith('{') || text.startsWith('[');

/** Objects only: a top-level array contributes its elements, other values are dropped. */
function collect(value: unknown, into: unknown[]): void {
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null && !Array.isArray(item)) into.push(item);
  } else if (typeof value === 'object' && value !== null) {
    into.push(value);
  }
}

export function jsonValuesInText(text: string): unknown[] {
  const values: unknown[] = [];
  const whole = text.trim();
  if (whole === '') return values;
  if (looksLikeJson(whole)) {
    const parsed = tryParse(whole);
    if (parsed !== undefined) {
      collect(parsed, values);
      return values;
    }
  }
  for (const rawLine of whole.split(/\r\n|\r|\n/)) {
    let line = rawLine.trim();
    if (line.startsWith('data:')) line = line.slice(5).trim();
    if (!looksLikeJson(line)) continue;
    const parsed = tryParse(line);
    if (parsed !== undefined) collect(parsed, values);
  }
  return values;
}
