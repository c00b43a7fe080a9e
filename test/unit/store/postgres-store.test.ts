/**
 * What only the PostgreSQL store does: migrations recorded in switchyard_schema and applied once
 * however many instances open the database together, batches written with unnest (one statement
 * a table), and text carried as parameters. Each test has a fresh schema (test/helpers/postgres.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { postgresMigrations } from '../../../gateway/src/store/postgres-migrations.js';
import { PostgresStore } from '../../../gateway/src/store/postgres-store.js';
import { freshPostgresSchema, type PostgresSchema } from '../../helpers/postgres.js';
import { logRecord as record } from './log-record.js';

const opened: PostgresStore[] = [];
const schemas: PostgresSchema[] = [];

/** A fresh schema's URL; the stores opened on it and the schema go after the test. */
async function freshUrl(): Promise<string> {
  const schema = await freshPostgresSchema();
  schemas.push(schema);
  return schema.url;
}

async function open(url: string): Promise<PostgresStore> {
  const store = await PostgresStore.open(url);
  opened.push(store);
  return store;
}

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const schema of schemas.splice(0)) await schema.drop();
});

const latest = postgresMigrations[postgresMigrations.length - 1]!.version;

describe('PostgresStore migrations', () => {
  it('applies every migration once and records it; reopening applies nothing', async () => {
    const url = await freshUrl();
    const store = await open(url);
    expect(await store.schemaVersion()).toBe(latest);
    const applied = await store.sql.all<{ version: number; name: string }>('SELECT version, name FROM switchyard_schema ORDER BY version');
    expect(applied).toEqual(postgresMigrations.map(({ version, name }) => ({ version, name })));
    await store.writeBatch([record('r1')]);

    const reopened = await open(url);
    expect(await reopened.schemaVersion()).toBe(latest);
    expect(await reopened.sql.all('SELECT version FROM switchyard_schema ORDER BY version')).toEqual(postgresMigrations.map(({ version }) => ({ version })));
    expect(await reopened.hasRequest('r1')).toBe(true);
  });

  it('lets several instances open a new database at the same time: one migrates, the others wait', async () => {
    const url = await freshUrl();
    const stores = await Promise.all([open(url), open(url), open(url)]);
    for (const store of stores) expect(await store.schemaVersion()).toBe(latest);
    expect(await stores[0]!.sql.all('SELECT version FROM switchyard_schema ORDER BY version')).toEqual(postgresMigrations.map(({ version }) => ({ version })));
    await stores[1]!.writeBatch([record('r1')]);
    expect(await stores[2]!.hasRequest('r1')).toBe(true);
  });

  it('names the store, without its password, when it cannot be opened', async () => {
    await expect(PostgresStore.open('postgres://postgres:secret@127.0.0.1:1/test')).rejects.toThrow(/cannot open the PostgreSQL store at .*127\.0\.0\.1:1/);
    await expect(PostgresStore.open('postgres://postgres:secret@127.0.0.1:1/test')).rejects.not.toThrow(/secret/);
  });
});

describe('PostgresStore batches', () => {
  const count = async (store: PostgresStore, table: string) => (await store.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n;

  it('fails a batch holding the same request id twice as a whole: no rows of it are written', async () => {
    const store = await open(await freshUrl());
    const batch = [
      record('r1', { properties: { a: '1' }, promptVersion: 'v1', promptInputs: { x: 1 } }),
      record('r2', { responseBody: '{}' }),
      record('r1', { properties: { b: '2' } }),
    ];
    await expect(store.writeBatch(batch)).rejects.toThrow(/duplicate key/);
    for (const table of ['requests', 'request_properties', 'request_bodies', 'prompt_inputs']) expect(await count(store, table)).toBe(0);
    // The connection is usable afterwards (the transaction was rolled back, not left open).
    await store.writeBatch(batch.slice(0, 2));
    expect(await count(store, 'requests')).toBe(2);
  });

  it('writes properties, bodies and prompt inputs only for the records that have them', async () => {
    const store = await open(await freshUrl());
    await store.writeBatch([
      record('r1', { properties: { Environment: 'prod', App: 'web' }, requestBody: '{"a":1}', responseBody: '{"b":2}' }),
      record('r2', { properties: {}, requestBody: null, responseBody: 'data: [DONE]' }),
      record('r3', { properties: {}, requestBody: null, responseBody: null, promptId: 'p1', promptVersion: 'v1', promptInputs: { city: 'Paris', n: 2 } }),
      // Inputs are kept with the prompt version they were compiled for; without one, none are.
      record('r4', { properties: {}, requestBody: null, promptInputs: { city: 'Rome' } }),
    ]);
    expect(await store.sql.all('SELECT request_id, key, value FROM request_properties ORDER BY request_id, key')).toEqual([
      { request_id: 'r1', key: 'App', value: 'web' },
      { request_id: 'r1', key: 'Environment', value: 'prod' },
    ]);
    expect(await store.sql.all('SELECT request_id, request_body, response_body FROM request_bodies ORDER BY request_id')).toEqual([
      { request_id: 'r1', request_body: '{"a":1}', response_body: '{"b":2}' },
      { request_id: 'r2', request_body: null, response_body: 'data: [DONE]' },
    ]);
    expect(await store.sql.all('SELECT request_id, version_id, inputs FROM prompt_inputs')).toEqual([
      { request_id: 'r3', version_id: 'v1', inputs: JSON.stringify({ city: 'Paris', n: 2 }) },
    ]);
    expect(await store.sql.get('SELECT prompt_id, prompt_version FROM requests WHERE request_id = ?', ['r3'])).toEqual({ prompt_id: 'p1', prompt_version: 'v1' });
  });

  it('keeps insertion order in seq, for requests logged in the same millisecond', async () => {
    const store = await open(await freshUrl());
    await store.writeBatch([record('z'), record('a'), record('m')]);
    await store.writeBatch([record('b')]);
    const rows = await store.sql.all<{ request_id: string }>(`SELECT request_id FROM requests ORDER BY ${store.sql.dialect.insertionOrder}`);
    expect(rows.map((row) => row.request_id)).toEqual(['z', 'a', 'm', 'b']);
  });

  it('round-trips text with quotes, backslashes, placeholders, unicode and emoji', async () => {
    const store = await open(await freshUrl());
    const texts = [
      `it's "quoted"`,
      'back\\slash \\\\ and \\n escapes, {braces}, [brackets], ,commas,',
      '? $1 $$ ?? -- /* not SQL */',
      'naïve café Ünïcödé — 日本語 עברית',
      '🦊🚀 emoji 👩🏽‍💻 with ZWJ',
      '',
      'NULL',
      'line one\nline two\ttab\r\n',
    ];
    await store.writeBatch(
      texts.map((text, i) =>
        record(`r${i}`, {
          userId: text,
          errorMessage: text,
          properties: { [`key ${text}`]: text },
          requestBody: text,
          responseBody: JSON.stringify({ text }),
          sessionName: text,
        }),
      ),
    );
    for (const [i, text] of texts.entries()) {
      const id = `r${i}`;
      expect(await store.sql.get('SELECT user_id, error_message, session_name FROM requests WHERE request_id = ?', [id])).toEqual({
        user_id: text,
        error_message: text,
        session_name: text,
      });
      expect(await store.sql.get('SELECT key, value FROM request_properties WHERE request_id = ?', [id])).toEqual({ key: `key ${text}`, value: text });
      expect(await store.sql.get('SELECT request_body, response_body FROM request_bodies WHERE request_id = ?', [id])).toEqual({
        request_body: text,
        response_body: JSON.stringify({ text }),
      });
      // And found again by equality on the same text.
      expect(await store.sql.get('SELECT request_id FROM requests WHERE user_id = ?', [text])).toEqual({ request_id: id });
    }
  });
});
