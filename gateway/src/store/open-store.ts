/**
 * The store the configuration names: PostgreSQL when a store URL is set, else the SQLite file in
 * the data folder (the zero-configuration default; `pg` is then never loaded).
 */
import type { GatewayConfig } from '../config.js';
import { redactUrl } from '../redact-url.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

export async function openStore(config: Pick<GatewayConfig, 'storeUrl' | 'dbPath'>): Promise<Store> {
  if (!config.storeUrl) return new SqliteStore(config.dbPath);
  const { PostgresStore } = await import('./postgres-store.js');
  return PostgresStore.open(config.storeUrl);
}

/** Where the store is, for start-up lines (no password). */
export function describeStore(config: Pick<GatewayConfig, 'storeUrl' | 'dbPath'>): string {
  return config.storeUrl ? redactUrl(config.storeUrl) : config.dbPath;
}
