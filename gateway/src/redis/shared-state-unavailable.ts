/**
 * Thrown by the Redis-backed stores when Redis cannot answer. The failure has already been
 * reported (throttled) by the connection, so callers fail open without logging it again.
 */
export class SharedStateUnavailable extends Error {
  constructor(operation: string, cause: unknown) {
    super(`Redis ${operation} failed: ${String((cause as Error)?.message ?? cause)}`, { cause });
    this.name = 'SharedStateUnavailable';
  }
}
