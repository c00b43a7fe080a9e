/**
 * Alert rules, their firing state and their history in the store (SQLite or PostgreSQL, one SQL
 * text for both). The state is one row per rule and group firing now; firing and resolving are an
 * insert and a delete whose row counts say whether this call made the change, so a rule × group
 * fires once and resolves once even with several evaluators on one PostgreSQL database.
 */
import { randomUUID } from 'node:crypto';
import type { SqlClient } from '../store/sql-client.js';
import type { AlertRule, AlertRuleConfig } from './alert-rule.js';

export type AlertEventKind = 'fired' | 'resolved';

export interface AlertEvent {
  id: string;
  alert_id: string;
  /** The group's value (a user id, model, provider or property value); null when the rule is not grouped. */
  group: string | null;
  kind: AlertEventKind;
  value: number | null;
  request_count: number;
  threshold: number;
  created_at: string;
}

/** Every rule is evaluated every interval: the count is bounded. */
export const maxAlerts = 200;
/** History kept per rule; older events are removed as new ones are written. */
export const maxEventsPerAlert = 1_000;

interface StoredRule {
  id: string;
  config: string;
  created_at: number | string;
  updated_at: number | string;
}

interface StoredEvent {
  id: string;
  alert_id: string;
  group_key: string;
  kind: AlertEventKind;
  value: number | string | null;
  request_count: number | string;
  threshold: number | string;
  created_at: number | string;
}

const toRule = (row: StoredRule): AlertRule => ({
  id: row.id,
  ...(JSON.parse(row.config) as AlertRuleConfig),
  created_at: new Date(Number(row.created_at)).toISOString(),
  updated_at: new Date(Number(row.updated_at)).toISOString(),
});

export class AlertLimitError extends Error {}

export class AlertStore {
  constructor(private readonly sql: SqlClient) {}

  async list(): Promise<AlertRule[]> {
    const rows = await this.sql.all<StoredRule>('SELECT id, config, created_at, updated_at FROM alerts ORDER BY created_at, id');
    return rows.map(toRule);
  }

  async get(id: string): Promise<AlertRule | undefined> {
    const row = await this.sql.get<StoredRule>('SELECT id, config, created_at, updated_at FROM alerts WHERE id = ?', [id]);
    return row ? toRule(row) : undefined;
  }

  async create(config: AlertRuleConfig, now = Date.now()): Promise<AlertRule> {
    const id = randomUUID();
    await this.sql.transaction(async (tx) => {
      const count = await tx.get<{ n: number | string }>('SELECT count(*) AS n FROM alerts');
      if (Number(count?.n ?? 0) >= maxAlerts) throw new AlertLimitError(`at most ${maxAlerts} alerts may exist; delete one first`);
      await tx.run('INSERT INTO alerts (id, name, enabled, config, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [
        id,
        config.name,
        config.enabled ? 1 : 0,
        JSON.stringify(config),
        now,
        now,
      ]);
    });
    return { id, ...config, created_at: new Date(now).toISOString(), updated_at: new Date(now).toISOString() };
  }

  /**
   * Replaces a rule. Its firing state is cleared (without resolve notices): what fired was measured
   * by the old rule, and the new one starts from a clean slate. Undefined when no rule has that id.
   */
  async replace(id: string, config: AlertRuleConfig, now = Date.now()): Promise<AlertRule | undefined> {
    let changed = 0;
    await this.sql.transaction(async (tx) => {
      changed = await tx.run('UPDATE alerts SET name = ?, enabled = ?, config = ?, updated_at = ? WHERE id = ?', [config.name, config.enabled ? 1 : 0, JSON.stringify(config), now, id]);
      if (changed > 0) await tx.run('DELETE FROM alert_states WHERE alert_id = ?', [id]);
    });
    return changed > 0 ? this.get(id) : undefined;
  }

  /** False when no rule has that id. Its state and history go with it. */
  async delete(id: string): Promise<boolean> {
    let deleted = 0;
    await this.sql.transaction(async (tx) => {
      await tx.run('DELETE FROM alert_states WHERE alert_id = ?', [id]);
      await tx.run('DELETE FROM alert_events WHERE alert_id = ?', [id]);
      deleted = await tx.run('DELETE FROM alerts WHERE id = ?', [id]);
    });
    return deleted > 0;
  }

  /** The groups of a rule firing now. */
  async firingGroups(alertId: string): Promise<Set<string>> {
    const rows = await this.sql.all<{ group_key: string }>('SELECT group_key FROM alert_states WHERE alert_id = ?', [alertId]);
    return new Set(rows.map((row) => row.group_key));
  }

  /**
   * Records a transition, if it is still one: firing inserts the state row, resolving deletes it.
   * Returns the event when this call made the change, undefined when it had already been made
   * (by an earlier evaluation, or another instance).
   */
  async transition(
    alertId: string,
    groupKey: string,
    grouped: boolean,
    kind: AlertEventKind,
    value: number | null,
    requestCount: number,
    threshold: number,
    now: number,
  ): Promise<AlertEvent | undefined> {
    const id = randomUUID();
    let made = 0;
    await this.sql.transaction(async (tx) => {
      made =
        kind === 'fired'
          ? await tx.run('INSERT INTO alert_states (alert_id, group_key, fired_at, value) VALUES (?, ?, ?, ?) ON CONFLICT (alert_id, group_key) DO NOTHING', [alertId, groupKey, now, value])
          : await tx.run('DELETE FROM alert_states WHERE alert_id = ? AND group_key = ?', [alertId, groupKey]);
      if (made === 0) return;
      await tx.run('INSERT INTO alert_events (id, alert_id, group_key, kind, value, request_count, threshold, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        id,
        alertId,
        groupKey,
        kind,
        value,
        requestCount,
        threshold,
        now,
      ]);
      // Bounded history: the events past the cap, oldest, are removed. "No limit" is spelled
      // differently: SQLite needs a LIMIT before OFFSET, and PostgreSQL refuses -1.
      const noLimit = this.sql.dialect.name === 'postgres' ? 'ALL' : '-1';
      await tx.run(
        `DELETE FROM alert_events WHERE alert_id = ? AND id IN (
           SELECT id FROM alert_events WHERE alert_id = ? ORDER BY created_at DESC, id DESC LIMIT ${noLimit} OFFSET ${maxEventsPerAlert}
         )`,
        [alertId, alertId],
      );
    });
    if (made === 0) return undefined;
    return { id, alert_id: alertId, group: grouped ? groupKey : null, kind, value, request_count: requestCount, threshold, created_at: new Date(now).toISOString() };
  }

  /** A rule's events, newest first (or every rule's, without an id). */
  async events(alertId: string | undefined, limit: number): Promise<AlertEvent[]> {
    const rows = await this.sql.all<StoredEvent & { config: string }>(
      `SELECT e.id, e.alert_id, e.group_key, e.kind, e.value, e.request_count, e.threshold, e.created_at, a.config
       FROM alert_events e JOIN alerts a ON a.id = e.alert_id
       ${alertId === undefined ? '' : 'WHERE e.alert_id = ?'}
       ORDER BY e.created_at DESC, e.id DESC LIMIT ?`,
      alertId === undefined ? [limit] : [alertId, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      alert_id: row.alert_id,
      group: (JSON.parse(row.config) as AlertRuleConfig).grouping === null ? null : row.group_key,
      kind: row.kind,
      value: row.value === null ? null : Number(row.value),
      request_count: Number(row.request_count),
      threshold: Number(row.threshold),
      created_at: new Date(Number(row.created_at)).toISOString(),
    }));
  }
}
