/**
 * Gateway API keys: created by the CLI, shown once, stored as SHA-256 hashes. Keys are long
 * random strings, so a fast hash is enough; the plain key is never stored or printed again.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { heliconeHeaders } from '../contract/helicone-headers.js';
import type { Store } from '../store/store.js';

export const keyPrefix = 'sk-switchyard-';

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export async function createGatewayKey(store: Store, name: string): Promise<{ id: string; key: string }> {
  const key = `${keyPrefix}${randomBytes(24).toString('base64url')}`;
  const id = randomUUID();
  await store.insertApiKey({ id, name, keyHash: hashKey(key), keyPrefix: key.slice(0, keyPrefix.length + 4), createdAt: Date.now(), revokedAt: null });
  return { id, key };
}

/**
 * Answers "is this a valid key?" from memory. Keys are re-read from the store at most once a
 * second, when an unknown key is presented or the table is older than `refreshMs`, so a key
 * created or revoked by the CLI (or through another instance) takes effect within seconds.
 * `reload()` must have finished once before the first request.
 */
export class KeyVerifier {
  private hashes = new Map<string, string>();
  private anyKeys = false;
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly refreshMs = 5_000,
  ) {}

  /** Re-reads the active keys now. */
  reload(): Promise<void> {
    return (this.loading ??= this.store
      .keyTable()
      .then(({ active, anyKeys }) => {
        this.hashes = active;
        // Once keys exist they stay required, whatever a later read says.
        this.anyKeys ||= anyKeys;
        this.loadedAt = Date.now();
      })
      .finally(() => (this.loading = undefined)));
  }

  /** A re-read when the table is stale; a store that cannot answer leaves the last table in use. */
  private refreshIfStale(unknownKey: boolean): Promise<void> | undefined {
    const age = Date.now() - this.loadedAt;
    if (age <= this.refreshMs && !(unknownKey && age > 1_000)) return undefined;
    return this.reload().catch((error: unknown) =>
      console.error(JSON.stringify({ level: 'warn', msg: 'could not re-read gateway keys; using the last ones read', error: (error as Error).message })),
    );
  }

  /**
   * True once any key has been created: from then on every request must authenticate, even
   * after the last key is revoked (revoking must never reopen the gateway).
   */
  get required(): boolean {
    void this.refreshIfStale(false);
    return this.anyKeys;
  }

  /** The key's id, or undefined when the key is not valid. */
  async verify(key: string): Promise<string | undefined> {
    const hash = hashKey(key);
    const id = this.hashes.get(hash);
    if (id !== undefined) return id;
    await this.refreshIfStale(true);
    return this.hashes.get(hash);
  }
}

/** The token of an `Authorization`-style header value ("Bearer <token>" or the bare token). */
export function bearerToken(value: string | undefined): string | undefined {
  return value?.replace(/^Bearer\s+/i, '').trim() || undefined;
}

/** A header's value from either view of Node's headers (`headers` or `headersDistinct`): the first, as Node keeps for Authorization. */
const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The bearer token from `Helicone-Auth` (preferred) or `Authorization`, else the bare key in
 * `apiKeyHeader` when the route names one (Anthropic clients send theirs in `x-api-key`).
 */
export function presentedKey(headers: Record<string, string | string[] | undefined>, apiKeyHeader?: string): { key?: string; fromHeliconeAuth: boolean } {
  const heliconeAuth = firstValue(headers[heliconeHeaders.auth]);
  const raw = heliconeAuth ?? firstValue(headers.authorization);
  if (typeof raw === 'string') return { key: bearerToken(raw), fromHeliconeAuth: heliconeAuth !== undefined };
  const apiKey = apiKeyHeader ? firstValue(headers[apiKeyHeader.toLowerCase()]) : undefined;
  return typeof apiKey === 'string' && apiKey.trim() ? { key: apiKey.trim(), fromHeliconeAuth: false } : { fromHeliconeAuth: false };
}
