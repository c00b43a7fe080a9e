/**
 * One point in time of the manual logger's `timing`, as a zod schema whose output is epoch
 * milliseconds. Accepted forms:
 * - `{seconds, milliseconds?}`: what every Helicone SDK sends (seconds since the epoch, plus the
 *   milliseconds past that second; either part may carry a fraction);
 * - a number or an all-digit string: seconds when below 4102444800 (the year 2100), else
 *   milliseconds, as Helicone's server reads them;
 * - any other string: a date, e.g. ISO 8601 `2025-01-02T03:04:05.678Z`.
 */
import { z } from 'zod';

/** Numbers below this are seconds, at or above it milliseconds (2100-01-01T00:00:00Z in seconds). */
const secondsLimit = 4_102_444_800;
/** The latest time accepted, 9999-12-31T23:59:59.999Z: later means the number is garbage. */
const maxEpochMs = 253_402_300_799_999;

const fromNumber = (value: number): number => (value < secondsLimit ? value * 1000 : value);

export const epochTimeSchema = z.unknown().transform((value, ctx): number => {
  const fail = (message: string, path: PropertyKey[] = []): number => {
    ctx.issues.push({ code: 'custom', message, input: value, path });
    return z.NEVER;
  };
  if (value === undefined) return fail('is required');
  let ms: number;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { seconds, milliseconds } = value as { seconds?: unknown; milliseconds?: unknown };
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
      return fail('must be a non-negative number (seconds since the Unix epoch)', ['seconds']);
    }
    if (milliseconds !== undefined && milliseconds !== null && (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds) || milliseconds < 0)) {
      return fail('must be a non-negative number (milliseconds past `seconds`)', ['milliseconds']);
    }
    ms = seconds * 1000 + ((milliseconds as number | null | undefined) ?? 0);
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return fail('must be a non-negative number');
    ms = fromNumber(value);
  } else if (typeof value === 'string' && value.trim() !== '') {
    const text = value.trim();
    ms = /^\d+$/.test(text) ? fromNumber(Number(text)) : Date.parse(text);
    if (Number.isNaN(ms)) return fail(`is not a date: "${text}"`);
  } else {
    return fail('must be {seconds, milliseconds}, a number of seconds or milliseconds since the epoch, or a date string');
  }
  if (ms < 0) return fail('is before 1970');
  if (ms > maxEpochMs) return fail('is after the year 9999');
  return Math.round(ms);
});
