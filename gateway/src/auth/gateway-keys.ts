/**
 * Gateway API keys: created by the CLI, shown once, stored as SHA-256 hashes. Keys are long
 * random strings, so a fast hash is enough; the plain key is never stored or printed again.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { heliconeHeaders } from '../contract/helicone-headers.js';
import type { SqliteStore } from '../store/sqlite-store.js';

export const keyPrefix = 'sk-switchyard-';

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function createGatewayKey(store: SqliteStore, name: string): { id: string; key: string } {
  const key = `${keyPrefix}${randomBytes(24).toString('base64url')}`;
  const id = randomUUID();
  store.insertApiKey({ id, name, keyHash: hashKey(key), keyPrefix: key.slice(0, keyPrefix.length + 4), createdAt: Date.now(), revokedAt: null });
  return { id, key };
}

/**
 * Answers "is this a valid key?" from memory. Keys are re-read from the store at most once a
 * second, when an unknown key is presented or the table is older than `refreshMs`, so a key
 * created or revoked by the CLI while the gateway runs takes effect within seconds.
 */
export class KeyVerifier {
  private hashes = new Map<string, string>();
  private anyKeys = false;
  private loadedAt = 0;

  constructor(
    private readonly store: SqliteStore,
    private readonly refreshMs = 5_000,
  ) {
    this.reload();
  }

  /** Re-reads the active keys now. */
  reload(): void {
    this.hashes = this.store.activeKeyHashes();
    this.anyKeys = this.store.apiKeyCount() > 0;
    this.loadedAt = Date.now();
  }

  private refreshIfStale(unknownKey: boolean): void {
    const age = Date.now() - this.loadedAt;
    if (age > this.refreshMs || (unknownKey && age > 1_000)) this.reload();
  }

  /**
   * True once any key has been created: from then on every request must authenticate, even
   * after the last key is revoked (revoking must never reopen the gateway).
   */
  get required(): boolean {
    this.refreshIfStale(false);
    return this.anyKeys;
  }

  /** The key's id, or undefined when the key is not valid. */
  verify(key: string): string | undefined {
    const hash = hashKey(key);
    let id = this.hashes.get(hash);
    if (id === undefined) {
      this.refreshIfStale(true);
      id = this.hashes.get(hash);
    }
    return id;
  }
}

/** The token of an `Authorization`-style header value ("Bearer <token>" or the bare token). */
export function bearerToken(value: string | undefined): string | undefined {
  return value?.replace(/^Bearer\s+/i, '').trim() || undefined;
}

/**
 * The bearer token from `Helicone-Auth` (preferred) or `Authorization`, else the bare key in
 * `apiKeyHeader` when the route names one (Anthropic clients send theirs in `x-api-key`).
 */
export function presentedKey(headers: Record<string, string | string[] | undefined>, apiKeyHeader?: string): { key?: string; fromHeliconeAuth: boolean } {
  const heliconeAuth = headers[heliconeHeaders.auth];
  const raw = typeof heliconeAuth === 'string' ? heliconeAuth : headers.authorization;
  if (typeof raw === 'string') return { key: bearerToken(raw), fromHeliconeAuth: typeof heliconeAuth === 'string' };
  const apiKey = apiKeyHeader ? headers[apiKeyHeader.toLowerCase()] : undefined;
  return typeof apiKey === 'string' && apiKey.trim() ? { key: apiKey.trim(), fromHeliconeAuth: false } : { fromHeliconeAuth: false };
}
