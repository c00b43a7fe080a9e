/**
 * When a failed delivery is tried again: exponential backoff (base, 2×base, 4×base, …) capped at
 * `maxMs`, so a destination that is down for a while is not hammered, and the wait stays bounded.
 */
export function retryDelayMs(failedTries: number, baseMs: number, maxMs: number): number {
  // 2 ** 30 is already past any sane cap; clamping the exponent keeps the number finite.
  const exponent = Math.min(Math.max(failedTries - 1, 0), 30);
  return Math.min(baseMs * 2 ** exponent, maxMs);
}
