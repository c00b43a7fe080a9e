/**
 * Webhooks in the store (SQLite or PostgreSQL, one SQL text for both): create with a generated
 * `hmac_key`, list, delete. Rows come back in Helicone's W1 shape, every field a string and
 * `config` JSON-encoded.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { SqlClient } from '../store/sql-client.js';

export interface WebhookRow {
  id: string;
  created_at: string;
  destination: string;
  version: string;
  config: string;
  hmac_key: string;
}

/** The delivery format's version; there is one so far. */
export const webhookVersion = '1';

/** Every request fans out to every webhook: the count is bounded. */
export const maxWebhooks = 100;

interface StoredRow {
  id: string;
  created_at: number;
  destination: string;
  version: string;
  config: string;
  hmac_key: string;
}

const toRow = (row: StoredRow): WebhookRow => ({
  id: row.id,
  created_at: new Date(Number(row.created_at)).toISOString(),
  destination: row.destination,
  version: row.version,
  config: row.config,
  hmac_key: row.hmac_key,
});

export class WebhookLimitError extends Error {}

export class WebhookStore {
  constructor(private readonly sql: SqlClient) {}

  async list(): Promise<WebhookRow[]> {
    const rows = await this.sql.all<StoredRow>('SELECT id, created_at, destination, version, config, hmac_key FROM webhooks ORDER BY created_at, id');
    return rows.map(toRow);
  }

  async create(destination: string, config: Record<string, unknown>, now = Date.now()): Promise<WebhookRow> {
    const row: StoredRow = {
      id: randomUUID(),
      created_at: now,
      destination,
      version: webhookVersion,
      config: JSON.stringify(config),
      // 256 bits, hex: receivers pass it to createHmac as a string, as Helicone's keys are.
      hmac_key: randomBytes(32).toString('hex'),
    };
    await this.sql.transaction(async (tx) => {
      const count = await tx.get<{ n: number | string }>('SELECT count(*) AS n FROM webhooks');
      if (Number(count?.n ?? 0) >= maxWebhooks) throw new WebhookLimitError(`at most ${maxWebhooks} webhooks may exist; delete one first`);
      await tx.run('INSERT INTO webhooks (id, created_at, destination, version, config, hmac_key) VALUES (?, ?, ?, ?, ?, ?)', [
        row.id,
        row.created_at,
        row.destination,
        row.version,
        row.config,
        row.hmac_key,
      ]);
    });
    return toRow(row);
  }

  /** False when no webhook has that id. */
  async delete(id: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM webhooks WHERE id = ?', [id])) > 0;
  }
}
