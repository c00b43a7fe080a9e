/**
 * The PostgreSQL schema: the same tables and columns as the SQLite store's (migrations.ts; this
 * version 1 is SQLite's 1–4, and each later one mirrors one of SQLite's), so the shared SQL reads both. Text is COLLATE "C" (byte order and ASCII-only case
 * folding, as SQLite compares); times are epoch milliseconds; flags are integers. A migration is
 * never edited once released: add a new one. Versions live in switchyard_schema.
 */
import type { Migration } from './migrations.js';

export const postgresMigrations: Migration[] = [
  {
    version: 1,
    name: 'requests, properties, scores, bodies, api keys, response cache, prompts',
    sql: `
      -- A body as jsonb, NULL when it is not JSON (PostgreSQL 15 has no IS JSON).
      CREATE FUNCTION switchyard_jsonb(body text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
      BEGIN
        RETURN body::jsonb;
      EXCEPTION WHEN others THEN
        RETURN NULL;
      END $$;

      CREATE TABLE requests (
        request_id TEXT COLLATE "C" PRIMARY KEY,
        -- Insertion order (SQLite's rowid): orders requests logged in the same millisecond.
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        request_created_at BIGINT NOT NULL,
        response_created_at BIGINT,
        latency_ms BIGINT,
        time_to_first_token_ms BIGINT,
        status INTEGER NOT NULL,
        error_message TEXT COLLATE "C",
        provider TEXT COLLATE "C",
        request_path TEXT COLLATE "C" NOT NULL,
        target_url TEXT COLLATE "C",
        request_model TEXT COLLATE "C",
        response_model TEXT COLLATE "C",
        model_override TEXT COLLATE "C",
        model TEXT COLLATE "C",
        is_stream INTEGER NOT NULL DEFAULT 0,
        prompt_tokens BIGINT,
        completion_tokens BIGINT,
        total_tokens BIGINT,
        prompt_cache_read_tokens BIGINT,
        prompt_cache_write_tokens BIGINT,
        reasoning_tokens BIGINT,
        cost_usd DOUBLE PRECISION,
        user_id TEXT COLLATE "C",
        session_id TEXT COLLATE "C",
        session_path TEXT COLLATE "C",
        session_name TEXT COLLATE "C",
        attempts TEXT COLLATE "C" NOT NULL DEFAULT '[]',
        gateway_key_id TEXT COLLATE "C",
        cache_hit INTEGER NOT NULL DEFAULT 0,
        response_id TEXT COLLATE "C",
        cost_saved_usd DOUBLE PRECISION,
        prompt_id TEXT COLLATE "C",
        prompt_version TEXT COLLATE "C"
      );
      -- Newest-first pages walk this index and stop at the limit.
      CREATE INDEX requests_created_at ON requests (request_created_at, request_id);
      -- Values clients choose (a model name, a user or prompt id, a property) may be longer than a
      -- B-tree entry can be (~2.7 KB), so they are indexed by hashtextextended() of the value (a
      -- bigint). Not hash indexes: those put equal values in one bucket, and each insert walks the
      -- bucket's chain, so logging slowed as the log grew (measured on 2 cores: from 12,000 to under
      -- 500 rows/s within 1,000,000). The queries compare the hashes beside the values where an index
      -- should find the rows (postgresDialect.textEquals, equalsNoCaseIndexed); one user's, model's
      -- or prompt's requests come newest first from the index. A session holds a handful of requests:
      -- a hash index serves it.
      CREATE INDEX requests_session ON requests USING hash (session_id) WHERE session_id IS NOT NULL;
      CREATE INDEX requests_user ON requests (hashtextextended(user_id, 0), request_created_at, request_id) WHERE user_id IS NOT NULL;
      CREATE INDEX requests_model ON requests (hashtextextended(model, 0), request_created_at, request_id);
      CREATE INDEX requests_prompt ON requests (hashtextextended(prompt_id, 0), request_created_at, request_id) WHERE prompt_id IS NOT NULL;

      -- No foreign keys on the log tables: a batch writes each request with its rows, and rows are
      -- never deleted; the checks would cost every insert.
      -- One row per (request, key): the writer takes a record's keys from one object, and changes
      -- replace a key. Not a primary key: a key may be longer than a B-tree entry can be.
      CREATE TABLE request_properties (
        request_id TEXT COLLATE "C" NOT NULL,
        key TEXT COLLATE "C" NOT NULL,
        value TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX request_properties_request ON request_properties (request_id);
      -- Property keys are matched case-insensitively; both by hash, as above.
      CREATE INDEX request_properties_key_value ON request_properties (hashtextextended(lower((key) COLLATE "C"), 0), hashtextextended(value, 0));
      -- The planner's row estimates for a (key, value) pair: without them it reads every row of a
      -- common value to page through the newest few.
      CREATE STATISTICS request_properties_key_value_stats ON (lower((key) COLLATE "C")), value FROM request_properties;

      CREATE TABLE request_bodies (
        request_id TEXT COLLATE "C" PRIMARY KEY,
        request_body TEXT COLLATE "C",
        response_body TEXT COLLATE "C"
      );

      CREATE TABLE request_scores (
        request_id TEXT COLLATE "C" NOT NULL,
        key TEXT COLLATE "C" NOT NULL,
        value DOUBLE PRECISION NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (request_id, key)
      );
      CREATE INDEX request_scores_key_value ON request_scores (key, value);

      CREATE TABLE api_keys (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT COLLATE "C" NOT NULL,
        key_hash TEXT COLLATE "C" NOT NULL UNIQUE,
        key_prefix TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT
      );

      CREATE TABLE response_cache (
        key TEXT COLLATE "C" NOT NULL,
        slot INTEGER NOT NULL,
        body TEXT COLLATE "C" NOT NULL,
        expires_at BIGINT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (key, slot)
      );

      CREATE TABLE prompts (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT COLLATE "C" NOT NULL,
        tags TEXT COLLATE "C" NOT NULL DEFAULT '[]',
        created_at BIGINT NOT NULL,
        deleted_at BIGINT
      );

      CREATE TABLE prompt_versions (
        id TEXT COLLATE "C" PRIMARY KEY,
        prompt_id TEXT COLLATE "C" NOT NULL REFERENCES prompts (id),
        major_version INTEGER NOT NULL,
        minor_version INTEGER NOT NULL,
        model TEXT COLLATE "C" NOT NULL,
        commit_message TEXT COLLATE "C" NOT NULL DEFAULT '',
        prompt_body TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        deleted_at BIGINT,
        UNIQUE (prompt_id, major_version, minor_version)
      );

      CREATE TABLE prompt_environments (
        prompt_id TEXT COLLATE "C" NOT NULL REFERENCES prompts (id),
        environment TEXT COLLATE "C" NOT NULL,
        version_id TEXT COLLATE "C" NOT NULL REFERENCES prompt_versions (id),
        PRIMARY KEY (prompt_id, environment)
      );
      CREATE INDEX prompt_environments_version ON prompt_environments (version_id);

      CREATE TABLE prompt_inputs (
        request_id TEXT COLLATE "C" PRIMARY KEY,
        version_id TEXT COLLATE "C" NOT NULL,
        inputs TEXT COLLATE "C" NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'HQL saved queries',
    sql: `
      -- As SQLite's (migrations.ts, version 5).
      CREATE TABLE hql_saved_queries (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT COLLATE "C" NOT NULL UNIQUE,
        sql TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'webhooks',
    sql: `
      -- As SQLite's (migrations.ts, version 6).
      CREATE TABLE webhooks (
        id TEXT COLLATE "C" PRIMARY KEY,
        created_at BIGINT NOT NULL,
        destination TEXT COLLATE "C" NOT NULL,
        version TEXT COLLATE "C" NOT NULL,
        config TEXT COLLATE "C" NOT NULL,
        hmac_key TEXT COLLATE "C" NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'datasets',
    sql: `
      -- As SQLite's (migrations.ts, version 7).
      CREATE TABLE datasets (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT COLLATE "C" NOT NULL,
        description TEXT COLLATE "C" NOT NULL DEFAULT '',
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE dataset_rows (
        id TEXT COLLATE "C" PRIMARY KEY,
        dataset_id TEXT COLLATE "C" NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        request_id TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        UNIQUE (dataset_id, request_id)
      );
    `,
  },
  {
    version: 5,
    name: 'alerts',
    sql: `
      -- As SQLite's (migrations.ts, version 8).
      CREATE TABLE alerts (
        id TEXT COLLATE "C" PRIMARY KEY,
        name TEXT COLLATE "C" NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        config TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE alert_states (
        alert_id TEXT COLLATE "C" NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        group_key TEXT COLLATE "C" NOT NULL,
        fired_at BIGINT NOT NULL,
        value DOUBLE PRECISION,
        PRIMARY KEY (alert_id, group_key)
      );
      CREATE TABLE alert_events (
        id TEXT COLLATE "C" PRIMARY KEY,
        alert_id TEXT COLLATE "C" NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        group_key TEXT COLLATE "C" NOT NULL,
        kind TEXT COLLATE "C" NOT NULL,
        value DOUBLE PRECISION,
        request_count BIGINT NOT NULL,
        threshold DOUBLE PRECISION NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX alert_events_alert ON alert_events (alert_id, created_at);
    `,
  },
];
