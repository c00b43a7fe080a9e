/**
 * Cost of one request in USD, from the normalised token usage and the registry's price tiers
 * (USD per 1M tokens).
 */
import type { TokenUsage } from '../contract/usage.js';
import { pricingFor } from './lookups.js';
import type { PricingTier } from './types.js';

const count = (value: number): number => (Number.isFinite(value) && value > 0 ? value : 0);

/**
 * The tier that applies to a prompt of `promptTokens` tokens: the one with the largest threshold
 * below promptTokens (a tier with threshold 200000 applies above 200000 prompt tokens). Falls back to
 * the lowest tier. Throws when `tiers` is empty.
 */
export function selectTier(tiers: readonly PricingTier[], promptTokens: number): PricingTier {
  if (tiers.length === 0) throw new RangeError('selectTier: no pricing tiers');
  let lowest = tiers[0]!;
  let chosen: PricingTier | undefined;
  for (const tier of tiers) {
    const threshold = tier.threshold ?? 0;
    if (threshold < (lowest.threshold ?? 0)) lowest = tier;
    if (threshold < promptTokens && (!chosen || threshold > (chosen.threshold ?? 0))) chosen = tier;
  }
  return chosen ?? lowest;
}

/**
 * Cost in USD. promptTokens includes cache reads and writes (OpenAI convention); completionTokens
 * includes reasoning tokens, which are therefore not added again. Cache prices fall back to the
 * input price when the tier has none (1h writes fall back to the 5m price first).
 * Throws when `tiers` is empty.
 */
export function computeCost(tiers: readonly PricingTier[], usage: TokenUsage): number {
  const prompt = count(usage.promptTokens);
  const tier = selectTier(tiers, prompt);
  const cacheRead = count(usage.cacheReadTokens);
  const cacheWrite = count(usage.cacheWriteTokens);
  const cacheWrite1h = Math.min(count(usage.cacheWrite1hTokens), cacheWrite);
  const cacheWrite5m = cacheWrite - cacheWrite1h;
  const uncached = Math.max(0, prompt - cacheRead - cacheWrite);

  const perMillion =
    uncached * tier.input +
    cacheRead * (tier.cacheRead ?? tier.input) +
    cacheWrite5m * (tier.cacheWrite5m ?? tier.input) +
    cacheWrite1h * (tier.cacheWrite1h ?? tier.cacheWrite5m ?? tier.input) +
    count(usage.completionTokens) * tier.output;
  // Strip float noise (e.g. 0.30000000000000004) without rounding to cents.
  return Math.round((perMillion / 1e6) * 1e12) / 1e12;
}

/** Cost in USD for a (provider, model name) pair, or null when the pricing is unknown (never 0). */
export function costFor(provider: string, modelName: string, usage: TokenUsage): number | null {
  const tiers = pricingFor(provider, modelName);
  return tiers && tiers.length > 0 ? computeCost(tiers, usage) : null;
}
