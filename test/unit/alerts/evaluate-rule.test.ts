/**
 * Rules, state and history over both stores: measuring each metric and aggregation per group,
 * firing once and resolving once (also across a new AlertStore on the same database, as after a
 * restart), the window's bounds, and CRUD.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertRuleSchema, type AlertRule, type AlertRuleConfig, normaliseRule } from '../../../gateway/src/alerts/alert-rule.js';
import { AlertStore } from '../../../gateway/src/alerts/alert-store.js';
import { evaluateRule } from '../../../gateway/src/alerts/evaluate-rule.js';
import { measure } from '../../../gateway/src/alerts/measure.js';
import type { Store } from '../../../gateway/src/store/store.js';
import { openTestStore, storeKinds, type TestStore } from '../../helpers/stores.js';
import { logRecord } from '../store/log-record.js';

const t0 = 1_700_000_000_000;
const config = (input: Record<string, unknown>): AlertRuleConfig => normaliseRule(alertRuleSchema.parse({ name: 'r', threshold: 1, time_window: 60_000, ...input }));

describe.each(storeKinds)('alerts over the store (%s)', (kind) => {
  let opened: TestStore;
  let store: Store;
  let alerts: AlertStore;
  beforeEach(async () => {
    opened = await openTestStore(kind);
    store = opened.store;
    alerts = new AlertStore(store.sql);
    // Latencies 100..500 ms; requests 4 and 5 failed; users u1 (1-3) and u2 (4-5); cost 1 each.
    await store.writeBatch(
      [1, 2, 3, 4, 5].map((i) =>
        logRecord(`r${i}`, {
          createdAt: t0 + i * 1_000,
          latencyMs: i * 100,
          status: i >= 4 ? 500 : 200,
          userId: i >= 4 ? 'u2' : 'u1',
          costUsd: 1,
          properties: { Environment: i >= 4 ? 'prod' : 'dev' },
        }),
      ),
    );
  });
  afterEach(() => opened.close());

  const valueOf = async (input: Record<string, unknown>) => (await measure(store.sql, config(input), t0, t0 + 10_000)).map(({ group, value, requests }) => [group, value, requests]);

  it('measures each metric and aggregation, per group, highest first', async () => {
    expect(await valueOf({ metric: 'error_rate' })).toEqual([['', 40, 5]]);
    expect(await valueOf({ metric: 'count' })).toEqual([['', 5, 5]]);
    expect(await valueOf({ metric: 'cost' })).toEqual([['', 5, 5]]);
    expect(await valueOf({ metric: 'latency', aggregation: 'avg' })).toEqual([['', 300, 5]]);
    expect(await valueOf({ metric: 'latency', aggregation: 'min' })).toEqual([['', 100, 5]]);
    expect(await valueOf({ metric: 'latency', aggregation: 'max' })).toEqual([['', 500, 5]]);
    expect(await valueOf({ metric: 'latency', aggregation: 'percentile', percentile: 50 })).toEqual([['', 300, 5]]);
    expect(await valueOf({ metric: 'latency', aggregation: 'percentile', percentile: 100 })).toEqual([['', 500, 5]]);
    expect(await valueOf({ metric: 'total_tokens' })).toEqual([['', 75, 5]]);
    expect(await valueOf({ metric: 'prompt_cache_read_tokens' })).toEqual([['', 10, 5]]);
    expect(await valueOf({ metric: 'error_rate', grouping: 'user' })).toEqual([
      ['u2', 100, 2],
      ['u1', 0, 3],
    ]);
    expect(await valueOf({ metric: 'latency', aggregation: 'max', grouping: 'environment', grouping_is_property: true })).toEqual([
      ['prod', 500, 2],
      ['dev', 300, 3],
    ]);
    expect(await valueOf({ metric: 'count', filter: { request_response_rmt: { user_id: { equals: 'u1' } } } })).toEqual([['', 3, 3]]);
  });

  it('counts only the requests inside the window', async () => {
    expect(await measure(store.sql, config({ metric: 'count' }), t0 + 2_000, t0 + 4_000)).toEqual([{ group: '', value: 3, requests: 3 }]);
    expect(await measure(store.sql, config({ metric: 'count' }), t0 + 6_000, t0 + 9_000)).toEqual([]);
  });

  it('fires once per group, resolves once, and a new store instance (a restart) does not fire again', async () => {
    const rule: AlertRule = await alerts.create(config({ metric: 'error_rate', threshold: 50, grouping: 'user', time_window: 10_000 }));
    const first = await evaluateRule(store.sql, alerts, rule, t0 + 6_000);
    expect(first.events).toEqual([expect.objectContaining({ kind: 'fired', group: 'u2', value: 100, request_count: 2 })]);
    expect((await evaluateRule(store.sql, alerts, rule, t0 + 6_000)).events).toEqual([]);
    expect((await evaluateRule(store.sql, new AlertStore(store.sql), rule, t0 + 7_000)).events).toEqual([]);
    // u1's good traffic arrives later; u2's failures leave the window.
    await store.writeBatch([logRecord('late', { createdAt: t0 + 20_000, userId: 'u2', status: 200 })]);
    const later = await evaluateRule(store.sql, alerts, rule, t0 + 21_000);
    expect(later.events).toEqual([expect.objectContaining({ kind: 'resolved', group: 'u2', value: 0, request_count: 1 })]);
    expect((await evaluateRule(store.sql, alerts, rule, t0 + 21_000)).events).toEqual([]);
    expect((await alerts.events(rule.id, 10)).map((event) => [event.kind, event.group])).toEqual([
      ['resolved', 'u2'],
      ['fired', 'u2'],
    ]);
    expect((await alerts.events(undefined, 1)).map((event) => event.kind)).toEqual(['resolved']);
  });

  it('does not fire under minimum_request_count', async () => {
    const rule = await alerts.create(config({ metric: 'error_rate', threshold: 50, grouping: 'user', minimum_request_count: 3, time_window: 10_000 }));
    expect((await evaluateRule(store.sql, alerts, rule, t0 + 6_000)).events).toEqual([]);
  });

  it('creates, lists, replaces (clearing the state) and deletes rules with their history', async () => {
    const rule = await alerts.create(config({ metric: 'count', threshold: 1, time_window: 10_000 }));
    expect(await alerts.list()).toEqual([rule]);
    expect(await alerts.get(rule.id)).toEqual(rule);
    await evaluateRule(store.sql, alerts, rule, t0 + 6_000);
    expect(await alerts.firingGroups(rule.id)).toEqual(new Set(['']));
    const replaced = await alerts.replace(rule.id, config({ name: 'renamed', metric: 'count', threshold: 100, time_window: 10_000 }));
    expect(replaced).toMatchObject({ id: rule.id, name: 'renamed', threshold: 100 });
    expect(await alerts.firingGroups(rule.id)).toEqual(new Set());
    expect(await alerts.replace('nope', config({ metric: 'count' }))).toBeUndefined();
    expect(await alerts.delete(rule.id)).toBe(true);
    expect(await alerts.delete(rule.id)).toBe(false);
    expect(await alerts.events(rule.id, 10)).toEqual([]);
    expect(await alerts.list()).toEqual([]);
  });
});
