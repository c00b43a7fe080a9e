/**
 * One rule's evaluation at `now`: measure its window, then for each group decide the transition.
 * A group fires when it has at least minimum_request_count requests and its value is at or above
 * the threshold; a firing group resolves when it no longer does (fewer requests, including none,
 * count as within the threshold, so an alert resolves when the traffic stops).
 */
import type { SqlClient } from '../store/sql-client.js';
import type { AlertWindow } from './alert-message.js';
import type { AlertRule } from './alert-rule.js';
import type { AlertEvent, AlertStore } from './alert-store.js';
import { measure } from './measure.js';

export function isOver(rule: Pick<AlertRule, 'threshold' | 'minimum_request_count'>, value: number | null, requests: number): boolean {
  return requests > 0 && requests >= rule.minimum_request_count && value !== null && value >= rule.threshold;
}

export async function evaluateRule(client: SqlClient, store: AlertStore, rule: AlertRule, now: number): Promise<{ events: AlertEvent[]; window: AlertWindow }> {
  const window = { from: now - rule.time_window, to: now };
  const measures = await measure(client, rule, window.from, window.to);
  const firing = await store.firingGroups(rule.id);
  const grouped = rule.grouping !== null;
  const events: AlertEvent[] = [];
  const seen = new Set<string>();
  for (const { group, value, requests } of measures) {
    seen.add(group);
    const over = isOver(rule, value, requests);
    if (over === firing.has(group)) continue;
    const event = await store.transition(rule.id, group, grouped, over ? 'fired' : 'resolved', value, requests, rule.threshold, now);
    if (event) events.push(event);
  }
  // Firing groups with no request left in the window: resolved, with no value to report.
  for (const group of firing) {
    if (seen.has(group)) continue;
    const event = await store.transition(rule.id, group, grouped, 'resolved', null, 0, rule.threshold, now);
    if (event) events.push(event);
  }
  return { events, window };
}
