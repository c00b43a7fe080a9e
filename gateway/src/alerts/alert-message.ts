/**
 * What a notification says: the generic webhook's JSON event, and Slack's {"text": …} (any
 * incoming-webhook receiver taking Slack's shape: Slack, Mattermost, Discord's /slack endpoint).
 */
import type { AlertRule } from './alert-rule.js';
import type { AlertEvent } from './alert-store.js';

export interface AlertWindow {
  from: number;
  to: number;
}

export function webhookBody(rule: AlertRule, event: AlertEvent, window: AlertWindow): Record<string, unknown> {
  return {
    type: `alert.${event.kind}`,
    event_id: event.id,
    alert: {
      id: rule.id,
      name: rule.name,
      metric: rule.metric,
      aggregation: rule.aggregation,
      percentile: rule.percentile,
      threshold: rule.threshold,
      time_window: rule.time_window,
      minimum_request_count: rule.minimum_request_count,
      grouping: rule.grouping,
      grouping_is_property: rule.grouping_is_property,
    },
    group: event.group,
    value: event.value,
    request_count: event.request_count,
    window_start: new Date(window.from).toISOString(),
    window_end: new Date(window.to).toISOString(),
    created_at: event.created_at,
  };
}

const metricNames: Record<AlertRule['metric'], string> = {
  error_rate: 'error rate',
  cost: 'cost',
  latency: 'latency',
  total_tokens: 'total tokens',
  prompt_tokens: 'prompt tokens',
  completion_tokens: 'completion tokens',
  prompt_cache_read_tokens: 'prompt cache read tokens',
  prompt_cache_write_tokens: 'prompt cache write tokens',
  count: 'request count',
};

export function formatValue(metric: AlertRule['metric'], value: number | null): string {
  if (value === null) return 'no data';
  const rounded = Number.isInteger(value) ? String(value) : value.toFixed(metric === 'cost' ? 4 : 2);
  if (metric === 'error_rate') return `${rounded}%`;
  if (metric === 'cost') return `$${rounded}`;
  if (metric === 'latency') return `${rounded} ms`;
  return rounded;
}

export function formatWindow(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1_000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${unit}`;
  }
  return `${ms} ms`;
}

export function slackText(rule: AlertRule, event: AlertEvent): string {
  const aggregation = rule.metric === 'error_rate' || rule.metric === 'count' ? '' : rule.aggregation === 'percentile' ? ` p${rule.percentile}` : ` ${rule.aggregation}`;
  const measured = `${metricNames[rule.metric]}${aggregation} ${formatValue(rule.metric, event.value)}`;
  const where = event.group === null ? '' : ` for ${rule.grouping_is_property ? `property ${rule.grouping}` : rule.grouping} "${event.group}"`;
  const threshold = formatValue(rule.metric, rule.threshold);
  const head = event.kind === 'fired' ? `:rotating_light: Alert "${rule.name}" fired` : `:white_check_mark: Alert "${rule.name}" resolved`;
  const relation = event.kind === 'fired' ? `at or above ${threshold}` : `below ${threshold}`;
  return `${head}${where}: ${measured} is ${relation} over the last ${formatWindow(rule.time_window)} (${event.request_count} requests).`;
}
