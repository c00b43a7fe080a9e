/**
 * PostgreSQL for tests: the server on this machine (127.0.0.1:5432, database `test`; .ci/run
 * starts it), a schema of its own for each store so test files never see each other's rows.
 * Set SWITCHYARD_TEST_STORE=postgres and every GatewayUnderTest keeps its log there.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const postgresServerUrl = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const testStoreIsPostgres = process.env.SWITCHYARD_TEST_STORE === 'postgres';

export interface PostgresSchema {
  /** A store URL whose connections see only this schema. */
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(postgresServerUrl);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty schema; its URL sets the search_path of every connection to it. */
export async function freshPostgresSchema(): Promise<PostgresSchema> {
  const schema = `switchyard_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(postgresServerUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => admin((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined) };
}
