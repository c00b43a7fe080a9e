/**
 * Helicone's `WebhookData` (POST /v1/webhooks) and the parts of `config` delivery reads:
 * `sampleRate` (0–100 percent, default 100), `propertyFilters` (`[{key, value}]`, or the docs'
 * `{key: value}` form) and `includeData` (default true, as Helicone's). Other config keys are kept
 * as sent. The top-level `includeData` is stored in the config, where Helicone's delivery reads it.
 */
import { z } from 'zod';
import { GatewayError } from '../contract/errors.js';
import type { PropertyFilter } from './filters.js';

export const webhookDataSchema = z.strictObject({
  destination: z.string().min(1).max(2048),
  config: z.record(z.string(), z.unknown()),
  includeData: z.boolean().optional(),
});

export type WebhookData = z.infer<typeof webhookDataSchema>;

/** What delivery needs from a stored config; `sampleRate` null when the stored value is unusable (skip, as Helicone does). */
export interface DeliveryRule {
  sampleRate: number | null;
  propertyFilters: PropertyFilter[];
  includeData: boolean;
}

/** A stored config above this size is refused: it is read for every delivery. */
const maxConfigChars = 16 * 1024;
const maxFilters = 50;

const invalid = (field: string, message: string) => new GatewayError(400, 'invalid_request_error', `Invalid "${field}": ${message}`, field);

function readSampleRate(value: unknown): number | null {
  const rate = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(rate) && rate >= 0 && rate <= 100 ? rate : null;
}

function readFilters(value: unknown): PropertyFilter[] | null {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    const filters: PropertyFilter[] = [];
    for (const entry of value) {
      if (!entry || typeof entry !== 'object') return null;
      const { key, value: expected } = entry as Record<string, unknown>;
      if (typeof key !== 'string' || key === '' || typeof expected !== 'string') return null;
      filters.push({ key, value: expected });
    }
    return filters;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.some(([key, expected]) => key === '' || typeof expected !== 'string')) return null;
    return entries.map(([key, expected]) => ({ key, value: expected as string }));
  }
  return null;
}

/** Checks a new webhook's config (400 naming the field) and returns it as it will be stored. */
export function normaliseConfig(data: WebhookData): Record<string, unknown> {
  const config: Record<string, unknown> = { ...data.config };
  if (config.sampleRate !== undefined && readSampleRate(config.sampleRate) === null) {
    throw invalid('config.sampleRate', 'must be a number from 0 to 100 (percent of requests)');
  }
  const filters = readFilters(config.propertyFilters);
  if (filters === null) throw invalid('config.propertyFilters', 'must be a list of {"key": string, "value": string}');
  if (filters.length > maxFilters) throw invalid('config.propertyFilters', `may hold at most ${maxFilters} filters`);
  if (config.includeData !== undefined && typeof config.includeData !== 'boolean') throw invalid('config.includeData', 'must be true or false');
  if (data.includeData !== undefined) config.includeData = data.includeData;
  if (JSON.stringify(config).length > maxConfigChars) throw invalid('config', `must be at most ${maxConfigChars} characters as JSON`);
  return config;
}

/** The rule a stored config (JSON text) gives; a config that no longer parses delivers nothing. */
export function deliveryRule(configJson: string): DeliveryRule {
  let config: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(configJson);
    config = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return { sampleRate: null, propertyFilters: [], includeData: false };
  }
  const filters = readFilters(config.propertyFilters);
  return {
    sampleRate: filters === null ? null : config.sampleRate === undefined ? 100 : readSampleRate(config.sampleRate),
    propertyFilters: filters ?? [],
    includeData: config.includeData !== false,
  };
}
