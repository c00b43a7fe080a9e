/**
 * Versioned schema migrations for the SQLite store, applied in order at start. A migration is
 * never edited once released: add a new one. The version lives in PRAGMA user_version.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'requests, properties, bodies, api keys',
    sql: `
      CREATE TABLE requests (
        request_id TEXT PRIMARY KEY,
        request_created_at INTEGER NOT NULL,
        response_created_at INTEGER,
        latency_ms INTEGER,
        time_to_first_token_ms INTEGER,
        status INTEGER NOT NULL,
        error_message TEXT,
        provider TEXT,
        request_path TEXT NOT NULL,
        target_url TEXT,
        request_model TEXT,
        response_model TEXT,
        model_override TEXT,
        model TEXT,
        is_stream INTEGER NOT NULL DEFAULT 0,
        prompt_tokens INTEGER,
        completion_tokens INTEGER,
        total_tokens INTEGER,
        prompt_cache_read_tokens INTEGER,
        prompt_cache_write_tokens INTEGER,
        reasoning_tokens INTEGER,
        cost_usd REAL,
        user_id TEXT,
        session_id TEXT,
        session_path TEXT,
        session_name TEXT,
        attempts TEXT NOT NULL DEFAULT '[]',
        gateway_key_id TEXT
      );
      CREATE INDEX requests_created_at ON requests (request_created_at);
      CREATE INDEX requests_session ON requests (session_id, request_created_at) WHERE session_id IS NOT NULL;
      CREATE INDEX requests_user ON requests (user_id, request_created_at) WHERE user_id IS NOT NULL;
      CREATE INDEX requests_model ON requests (model, request_created_at);

      CREATE TABLE request_properties (
        request_id TEXT NOT NULL REFERENCES requests (request_id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (request_id, key)
      ) WITHOUT ROWID;
      CREATE INDEX request_properties_key_value ON request_properties (key, value);

      CREATE TABLE request_bodies (
        request_id TEXT PRIMARY KEY REFERENCES requests (request_id) ON DELETE CASCADE,
        request_body TEXT,
        response_body TEXT
      );

      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        key_prefix TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
    `,
  },
  {
    version: 2,
    name: 'scores, case-insensitive property keys, cache hits',
    sql: `
      -- Scores (feedback is the score helicone-score-feedback = 1 or 0). No foreign key: a score
      -- may be given for a predefined request id before its log row is written.
      CREATE TABLE request_scores (
        request_id TEXT NOT NULL,
        key TEXT NOT NULL,
        value REAL NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (request_id, key)
      ) WITHOUT ROWID;
      CREATE INDEX request_scores_key_value ON request_scores (key, value);

      -- Property keys are matched case-insensitively by queries.
      DROP INDEX request_properties_key_value;
      CREATE INDEX request_properties_key_value ON request_properties (key COLLATE NOCASE, value);

      ALTER TABLE requests ADD COLUMN cache_hit INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE requests ADD COLUMN response_id TEXT;
    `,
  },
  {
    version: 3,
    name: 'response cache, cost saved by cache hits',
    sql: `
      -- Helicone-Cache-*: one row per (key, bucket slot); expired rows are ignored and deleted lazily.
      CREATE TABLE response_cache (
        key TEXT NOT NULL,
        slot INTEGER NOT NULL,
        body TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (key, slot)
      ) WITHOUT ROWID;

      -- A cache hit costs 0; this is what the provider call would have cost.
      ALTER TABLE requests ADD COLUMN cost_saved_usd REAL;
    `,
  },
  {
    version: 4,
    name: 'managed prompts, prompt id and version on requests',
    sql: `
      -- Helicone's Prompt Management (/v1/prompt-2025). Deleting is soft: deleted_at is set, and
      -- the prompt or version disappears from the API and from expansion, while logged requests
      -- keep pointing at it.
      CREATE TABLE prompts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        tags TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL,
        deleted_at INTEGER
      );

      -- Version numbers are never reused, deleted versions included.
      CREATE TABLE prompt_versions (
        id TEXT PRIMARY KEY,
        prompt_id TEXT NOT NULL REFERENCES prompts (id),
        major_version INTEGER NOT NULL,
        minor_version INTEGER NOT NULL,
        model TEXT NOT NULL,
        commit_message TEXT NOT NULL DEFAULT '',
        prompt_body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        deleted_at INTEGER,
        UNIQUE (prompt_id, major_version, minor_version)
      );

      -- One version per (prompt, environment); a version may hold several environments.
      CREATE TABLE prompt_environments (
        prompt_id TEXT NOT NULL REFERENCES prompts (id),
        environment TEXT NOT NULL,
        version_id TEXT NOT NULL REFERENCES prompt_versions (id),
        PRIMARY KEY (prompt_id, environment)
      ) WITHOUT ROWID;
      CREATE INDEX prompt_environments_version ON prompt_environments (version_id);

      -- The inputs a request expanded its prompt with (GET /v1/prompt-2025/id/:id/:version/inputs).
      CREATE TABLE prompt_inputs (
        request_id TEXT PRIMARY KEY REFERENCES requests (request_id) ON DELETE CASCADE,
        version_id TEXT NOT NULL,
        inputs TEXT NOT NULL
      );

      ALTER TABLE requests ADD COLUMN prompt_id TEXT;
      ALTER TABLE requests ADD COLUMN prompt_version TEXT;
      CREATE INDEX requests_prompt ON requests (prompt_id, request_created_at) WHERE prompt_id IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'HQL saved queries',
    sql: `
      -- Helicone's saved HQL queries (/v1/helicone-sql/saved-query). Names are unique, as
      -- Helicone's 409 HQL_QUERY_NAME_EXISTS says.
      CREATE TABLE hql_saved_queries (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        sql TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'webhooks',
    sql: `
      -- Helicone's webhooks (/v1/webhooks). config is the JSON the client sent (sample rate, property
      -- filters, includeData); hmac_key signs every delivery, so it is kept as is. IF NOT EXISTS: the
      -- versions around this one are written by others, and a file that met them in another order
      -- must still open.
      CREATE TABLE IF NOT EXISTS webhooks (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        destination TEXT NOT NULL,
        version TEXT NOT NULL,
        config TEXT NOT NULL,
        hmac_key TEXT NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'datasets',
    sql: `
      -- Helicone's datasets (/v1/helicone-dataset): named sets of logged requests, exported for
      -- fine-tuning. A row points at a request by id only: requests are never deleted, and the
      -- bodies are read from the log when the dataset is queried or exported. IF NOT EXISTS: the
      -- versions around this one are written by others, and a file that met them in another order
      -- must still open.
      CREATE TABLE IF NOT EXISTS datasets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- A request is in a dataset at most once; rows go with their dataset.
      CREATE TABLE IF NOT EXISTS dataset_rows (
        id TEXT PRIMARY KEY,
        dataset_id TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        request_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (dataset_id, request_id)
      );
    `,
  },
  {
    version: 8,
    name: 'alerts',
    sql: `
      -- Alert rules (/v1/alerts): config is the validated rule as JSON (metric, aggregation,
      -- window, threshold, grouping, filter, notification URLs), read whole by the evaluator.
      -- IF NOT EXISTS: the versions around this one are written by others, and a file that met
      -- them in another order must still open.
      CREATE TABLE IF NOT EXISTS alerts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        config TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- One row per rule and group that is firing now (group_key '' when the rule is not grouped):
      -- kept in the store so a restart neither fires again nor forgets to resolve. The primary key
      -- makes "fire once" an insert that only one evaluator (of several instances) wins.
      CREATE TABLE IF NOT EXISTS alert_states (
        alert_id TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        group_key TEXT NOT NULL,
        fired_at INTEGER NOT NULL,
        value REAL,
        PRIMARY KEY (alert_id, group_key)
      );
      -- The history: one row per fired or resolved transition.
      CREATE TABLE IF NOT EXISTS alert_events (
        id TEXT PRIMARY KEY,
        alert_id TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        group_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        value REAL,
        request_count INTEGER NOT NULL,
        threshold REAL NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS alert_events_alert ON alert_events (alert_id, created_at);
    `,
  },
];
