/**
 * An alert rule as the API takes it, validated by zod (a 400 names the field), in snake_case as
 * Helicone's alert rows are: what to measure (Helicone's metrics and aggregations, docs
 * "Alerts"), over which window, against which threshold, per which group, under which filter,
 * and where to say so. The filter tree is checked by compiling it (alert-routes.ts).
 */
import { z } from 'zod';

export const alertMetrics = [
  'error_rate',
  'cost',
  'latency',
  'total_tokens',
  'prompt_tokens',
  'completion_tokens',
  'prompt_cache_read_tokens',
  'prompt_cache_write_tokens',
  'count',
] as const;
export type AlertMetric = (typeof alertMetrics)[number];

export const alertAggregations = ['sum', 'avg', 'min', 'max', 'percentile'] as const;
export type AlertAggregation = (typeof alertAggregations)[number];

/** Helicone's time frames run up to 30 days; a bit more is allowed, never an unbounded scan. */
export const maxTimeWindowMs = 90 * 86_400_000;
/** Below a second the window holds too little to mean anything, and evaluation runs every few seconds. */
export const minTimeWindowMs = 1_000;

const url = (field: string) => z.string({ error: `${field} must be an http(s) URL` }).max(2048, `${field} must be at most 2048 characters`);

export const alertRuleSchema = z
  .strictObject({
    name: z.string({ error: 'name must be a string' }).trim().min(1, 'name must not be empty').max(200, 'name must be at most 200 characters'),
    metric: z.enum(alertMetrics, { error: `metric must be one of ${alertMetrics.join(', ')}` }),
    /** Sum by default, as Helicone's; error_rate and count are ratios and counts, which take none. */
    aggregation: z.enum(alertAggregations, { error: `aggregation must be one of ${alertAggregations.join(', ')}` }).default('sum'),
    /** With aggregation "percentile": 50 for p50, 95, 99… */
    percentile: z.number({ error: 'percentile must be a number between 0 and 100' }).gt(0, 'percentile must be above 0').max(100, 'percentile must be at most 100').nullish(),
    /** Fires when the value is at or above it: a percentage for error_rate, dollars, milliseconds, tokens or requests. */
    threshold: z.number({ error: 'threshold must be a number' }).finite('threshold must be a finite number').min(0, 'threshold must not be negative'),
    /** Milliseconds, as Helicone's time_window. */
    time_window: z
      .number({ error: 'time_window must be a number of milliseconds, e.g. 1800000 for 30 minutes' })
      .int('time_window must be a whole number of milliseconds')
      .min(minTimeWindowMs, `time_window must be at least ${minTimeWindowMs} ms`)
      .max(maxTimeWindowMs, `time_window must be at most ${maxTimeWindowMs} ms (90 days)`),
    /** Groups with fewer requests in the window never fire (Helicone's Min Requests). */
    minimum_request_count: z.number({ error: 'minimum_request_count must be a whole number' }).int('minimum_request_count must be a whole number').min(0, 'minimum_request_count must not be negative').max(1e9).nullish(),
    /** "user", "model", "provider", or a property's name with grouping_is_property: true. */
    grouping: z.string({ error: 'grouping must be a string' }).trim().min(1, 'grouping must not be empty').max(256, 'grouping must be at most 256 characters').nullish(),
    grouping_is_property: z.boolean({ error: 'grouping_is_property must be true or false' }).default(false),
    /** Helicone's filter tree, as the query API takes it; "all" (the default) for no filter. */
    filter: z.unknown().default('all'),
    webhook_url: url('webhook_url').nullish(),
    /** A Slack incoming-webhook URL (or anything taking {"text": …}). */
    slack_webhook_url: url('slack_webhook_url').nullish(),
    enabled: z.boolean({ error: 'enabled must be true or false' }).default(true),
  })
  .superRefine((rule, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (rule.aggregation === 'percentile' && rule.percentile == null) issue('percentile', 'is required when aggregation is "percentile" (e.g. 95)');
    if (rule.aggregation !== 'percentile' && rule.percentile != null) issue('percentile', 'is only taken with aggregation "percentile"');
    if ((rule.metric === 'error_rate' || rule.metric === 'count') && rule.aggregation !== 'sum') {
      issue('aggregation', `does not apply to ${rule.metric} (a ${rule.metric === 'count' ? 'count' : 'percentage of the window'}); leave it out`);
    }
    if (rule.metric === 'error_rate' && rule.threshold > 100) issue('threshold', 'is a percentage for error_rate: at most 100');
    if (rule.grouping != null && !rule.grouping_is_property && !['user', 'model', 'provider'].includes(rule.grouping)) {
      issue('grouping', 'must be "user", "model" or "provider", or a property name with grouping_is_property: true');
    }
    if (rule.grouping_is_property && rule.grouping == null) issue('grouping', 'is required (the property name) when grouping_is_property is true');
  });

export type AlertRuleInput = z.output<typeof alertRuleSchema>;

/** A stored rule: the input, normalised (nulls for what was left out), with its id and times. */
export interface AlertRule {
  id: string;
  name: string;
  metric: AlertMetric;
  aggregation: AlertAggregation;
  percentile: number | null;
  threshold: number;
  time_window: number;
  minimum_request_count: number;
  grouping: string | null;
  grouping_is_property: boolean;
  filter: unknown;
  webhook_url: string | null;
  slack_webhook_url: string | null;
  enabled: boolean;
  created_at: string;
  updated_at: string;
}

export type AlertRuleConfig = Omit<AlertRule, 'id' | 'created_at' | 'updated_at'>;

export function normaliseRule(input: AlertRuleInput): AlertRuleConfig {
  return {
    name: input.name,
    metric: input.metric,
    aggregation: input.aggregation,
    percentile: input.percentile ?? null,
    threshold: input.threshold,
    time_window: input.time_window,
    minimum_request_count: input.minimum_request_count ?? 0,
    grouping: input.grouping ?? null,
    grouping_is_property: input.grouping_is_property,
    filter: input.filter,
    webhook_url: input.webhook_url ?? null,
    slack_webhook_url: input.slack_webhook_url ?? null,
    enabled: input.enabled,
  };
}
