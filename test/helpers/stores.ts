/**
 * Both stores for the store and query suites: `describe.each(storeKinds)` runs a suite against
 * an in-memory SQLite store and a PostgreSQL store in a fresh schema, which must answer alike.
 */
import { PostgresStore } from '../../gateway/src/store/postgres-store.js';
import { SqliteStore } from '../../gateway/src/store/sqlite-store.js';
import type { Store } from '../../gateway/src/store/store.js';
import { freshPostgresSchema } from './postgres.js';

export const storeKinds = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof storeKinds)[number];

export interface TestStore {
  store: Store;
  /** Closes the store and drops what it made. */
  close(): Promise<void>;
}

export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  if (kind === 'sqlite') {
    const store = new SqliteStore(':memory:');
    return { store, close: () => store.close() };
  }
  const schema = await freshPostgresSchema();
  const store = await PostgresStore.open(schema.url);
  return {
    store,
    close: async () => {
      await store.close();
      await schema.drop();
    },
  };
}
