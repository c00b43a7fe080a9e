/** The rule schema's defaults and refusals, the fire/resolve test, and the notification texts. */
import { describe, expect, it } from 'vitest';
import { alertRuleSchema, type AlertRule, normaliseRule } from '../../../gateway/src/alerts/alert-rule.js';
import { formatValue, formatWindow, slackText, webhookBody } from '../../../gateway/src/alerts/alert-message.js';
import type { AlertEvent } from '../../../gateway/src/alerts/alert-store.js';
import { isOver } from '../../../gateway/src/alerts/evaluate-rule.js';

const base = { name: 'Errors', metric: 'error_rate', threshold: 10, time_window: 1_800_000 };

const firstIssue = (input: unknown) => {
  const result = alertRuleSchema.safeParse(input);
  return result.success ? undefined : { path: result.error.issues[0]!.path.join('.'), message: result.error.issues[0]!.message };
};

describe('alert rule schema', () => {
  it('fills Helicone’s defaults: sum, no grouping, no minimum, no filter, enabled', () => {
    expect(normaliseRule(alertRuleSchema.parse(base))).toEqual({
      name: 'Errors',
      metric: 'error_rate',
      aggregation: 'sum',
      percentile: null,
      threshold: 10,
      time_window: 1_800_000,
      minimum_request_count: 0,
      grouping: null,
      grouping_is_property: false,
      filter: 'all',
      webhook_url: null,
      slack_webhook_url: null,
      enabled: true,
    });
  });

  it('names the field of each mistake', () => {
    expect(firstIssue({ ...base, name: '  ' })?.path).toBe('name');
    expect(firstIssue({ ...base, metric: 'errors' })?.path).toBe('metric');
    expect(firstIssue({ ...base, threshold: -1 })?.path).toBe('threshold');
    expect(firstIssue({ ...base, threshold: 101 })?.path).toBe('threshold');
    expect(firstIssue({ ...base, time_window: 1.5 })?.path).toBe('time_window');
    expect(firstIssue({ ...base, time_window: 200 * 86_400_000 })?.path).toBe('time_window');
    expect(firstIssue({ ...base, metric: 'latency', aggregation: 'percentile' })).toEqual({ path: 'percentile', message: 'is required when aggregation is "percentile" (e.g. 95)' });
    expect(firstIssue({ ...base, metric: 'latency', percentile: 95 })?.path).toBe('percentile');
    expect(firstIssue({ ...base, metric: 'latency', aggregation: 'percentile', percentile: 0 })?.path).toBe('percentile');
    expect(firstIssue({ ...base, metric: 'count', aggregation: 'max' })?.path).toBe('aggregation');
    expect(firstIssue({ ...base, grouping: 'team' })?.path).toBe('grouping');
    expect(firstIssue({ ...base, grouping_is_property: true })?.path).toBe('grouping');
    expect(firstIssue({ ...base, minimum_request_count: -2 })?.path).toBe('minimum_request_count');
    expect(firstIssue({ ...base, webhook_url: 5 })?.path).toBe('webhook_url');
    expect(firstIssue({ ...base, colour: 'red' })?.message).toMatch(/colour/);
  });

  it('takes a property grouping and a percentile of latency', () => {
    const rule = normaliseRule(alertRuleSchema.parse({ ...base, metric: 'latency', aggregation: 'percentile', percentile: 99, threshold: 5_000, grouping: 'Environment', grouping_is_property: true }));
    expect(rule).toMatchObject({ aggregation: 'percentile', percentile: 99, grouping: 'Environment', grouping_is_property: true });
  });
});

describe('firing', () => {
  it('fires at or above the threshold with enough requests; resolves otherwise', () => {
    const rule = { threshold: 10, minimum_request_count: 5 };
    expect(isOver(rule, 10, 5)).toBe(true);
    expect(isOver(rule, 9.99, 5)).toBe(false);
    expect(isOver(rule, 50, 4)).toBe(false);
    expect(isOver(rule, null, 100)).toBe(false);
    // A threshold of 0 still needs traffic: an empty window never fires.
    expect(isOver({ threshold: 0, minimum_request_count: 0 }, 0, 0)).toBe(false);
  });
});

describe('notification texts', () => {
  const rule: AlertRule = {
    id: 'a1',
    ...normaliseRule(alertRuleSchema.parse({ ...base, grouping: 'model' })),
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:00:00.000Z',
  };
  const event: AlertEvent = { id: 'e1', alert_id: 'a1', group: 'gpt-4o', kind: 'fired', value: 12.5, request_count: 40, threshold: 10, created_at: '2025-01-01T00:10:00.000Z' };

  it('says what crossed, for which group, over which window', () => {
    expect(slackText(rule, event)).toBe(':rotating_light: Alert "Errors" fired for model "gpt-4o": error rate 12.50% is at or above 10% over the last 30 min (40 requests).');
    expect(slackText(rule, { ...event, kind: 'resolved', value: null, request_count: 0 })).toMatch(/resolved for model "gpt-4o": error rate no data is below 10%/);
  });

  it('gives webhooks the event with its rule and window', () => {
    expect(webhookBody(rule, event, { from: 0, to: 1_800_000 })).toMatchObject({
      type: 'alert.fired',
      event_id: 'e1',
      alert: { id: 'a1', metric: 'error_rate', threshold: 10, grouping: 'model' },
      group: 'gpt-4o',
      value: 12.5,
      window_start: '1970-01-01T00:00:00.000Z',
      window_end: '1970-01-01T00:30:00.000Z',
    });
  });

  it('formats values and windows by unit', () => {
    expect(formatValue('cost', 1.23456)).toBe('$1.2346');
    expect(formatValue('latency', 900)).toBe('900 ms');
    expect(formatWindow(86_400_000)).toBe('1 d');
    expect(formatWindow(90_000)).toBe('90 s');
    expect(formatWindow(1_500)).toBe('1500 ms');
  });
});
