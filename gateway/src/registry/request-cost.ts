/**
 * Cost of a logged request (proxied or manually logged), in USD, or null when no price is known
 * (never 0 for unknown).
 * - With a provider the registry knows: that provider's price for the response model (the request
 *   model only when the response names none: an answer from an unknown model is not priced as the
 *   model asked for). Helicone-Model-Override names the model to price instead, at the provider,
 *   else at the model's cheapest listing (as for proxied requests).
 * - With no provider, or one the registry does not price (custom, vertex, ...): the model's
 *   cheapest listing. Dated snapshot names (gpt-4o-mini-2024-07-18) resolve to their model.
 */
import type { TokenUsage } from '../contract/usage.js';
import { computeCost, costFor, endpointsFor, findEndpoint, findModel, isKnownProvider, knownProviders, type PricingTier } from './registry.js';

/** Pricing of the cheapest provider listing a model (by id, alias or any provider's name for it). */
export function cheapestPricing(modelName: string): readonly PricingTier[] | undefined {
  let model = findModel(modelName);
  if (!model) {
    for (const provider of knownProviders) {
      model = findEndpoint(provider, modelName)?.model;
      if (model) break;
    }
  }
  const tiers = model ? endpointsFor(model.id)[0]?.pricing : undefined;
  return tiers && tiers.length > 0 ? tiers : undefined;
}

export interface PricedModels {
  provider: string | null;
  requestModel: string | null;
  responseModel: string | null;
  modelOverride: string | null;
}

export function requestCost(models: PricedModels, usage: TokenUsage): number | null {
  // The model the provider says answered is the one priced; the requested one only when it said none.
  const answered = models.responseModel ?? models.requestModel;
  const candidates = [models.modelOverride ?? answered].filter((name): name is string => !!name);
  if (models.provider && isKnownProvider(models.provider)) {
    for (const name of candidates) {
      const cost = costFor(models.provider, name, usage);
      if (cost !== null) return cost;
    }
    if (!models.modelOverride) return null;
  }
  for (const name of candidates) {
    const tiers = cheapestPricing(name);
    if (tiers) return computeCost(tiers, usage);
  }
  return null;
}
