import { describe, expect, it } from 'vitest';
import { MODELS } from '../../../gateway/src/registry/model-prices.js';
import { PROVIDER_NAMES, type PricingTier } from '../../../gateway/src/registry/types.js';

const PRICE_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h'] as const;
const TIER_FIELDS = new Set<string>(['threshold', ...PRICE_FIELDS]);

describe('model-prices data', () => {
  it('has models', () => {
    expect(MODELS.length).toBeGreaterThan(40);
  });

  it('ids and aliases are unique (case-insensitively) across the whole file and contain no "/"', () => {
    const seen = new Map<string, string>();
    for (const model of MODELS) {
      for (const name of [model.id, ...(model.aliases ?? [])]) {
        const key = name.toLowerCase();
        expect(seen.has(key), `${name} (in ${model.id}) also in ${seen.get(key)}`).toBe(false);
        seen.set(key, model.id);
        expect(name).not.toContain('/');
        expect(name).not.toContain(',');
        expect(name).toBe(name.trim());
        expect(name.length).toBeGreaterThan(0);
      }
    }
  });

  it('every entry is well-formed', () => {
    for (const model of MODELS) {
      const where = model.id;
      expect(typeof model.author, where).toBe('string');
      expect(model.author.length, where).toBeGreaterThan(0);
      expect(Number.isInteger(model.created), where).toBe(true);
      // between 2023-01-01 and 2027-01-01
      expect(model.created, where).toBeGreaterThan(1672531200);
      expect(model.created, where).toBeLessThan(1798761600);
      expect(Number.isInteger(model.contextLength) && model.contextLength > 0, where).toBe(true);
      if (model.maxOutput !== undefined) {
        expect(Number.isInteger(model.maxOutput) && model.maxOutput > 0, where).toBe(true);
        expect(model.maxOutput, where).toBeLessThanOrEqual(model.contextLength);
      }
      expect(Object.keys(model.endpoints).length, where).toBeGreaterThan(0);
    }
  });

  it('endpoints use allowed provider names, ollama has no prices, and prices are valid', () => {
    const allowed: readonly string[] = PROVIDER_NAMES;
    for (const model of MODELS) {
      for (const [provider, endpoint] of Object.entries(model.endpoints)) {
        const where = `${model.id} on ${provider}`;
        expect(allowed, where).toContain(provider);
        expect(provider, where).not.toBe('ollama');
        expect(endpoint, where).toBeDefined();
        if (endpoint!.providerModelId !== undefined) expect(endpoint!.providerModelId.length, where).toBeGreaterThan(0);
        const tiers: PricingTier[] = endpoint!.pricing;
        expect(tiers.length, where).toBeGreaterThan(0);
        let previous = -1;
        tiers.forEach((tier, i) => {
          for (const field of Object.keys(tier)) expect(TIER_FIELDS.has(field), `${where}: field ${field}`).toBe(true);
          const threshold = tier.threshold ?? 0;
          if (i === 0) expect(threshold, `${where}: first tier starts at 0`).toBe(0);
          expect(Number.isInteger(threshold) && threshold >= 0, where).toBe(true);
          expect(threshold, `${where}: tiers sorted by threshold, strictly`).toBeGreaterThan(previous);
          previous = threshold;
          for (const field of PRICE_FIELDS) {
            const value = tier[field];
            if (field === 'input' || field === 'output') expect(typeof value, `${where}: ${field}`).toBe('number');
            if (value !== undefined) {
              expect(Number.isFinite(value) && value >= 0, `${where}: ${field}=${value}`).toBe(true);
              // per-1M USD: anything above $1000/MTok is almost certainly a unit mistake
              expect(value, `${where}: ${field}`).toBeLessThan(1000);
            }
          }
          // A cache read never costs more than an uncached token.
          if (tier.cacheRead !== undefined) expect(tier.cacheRead, where).toBeLessThanOrEqual(tier.input);
        });
      }
    }
  });

  it('provider model ids are unique per provider and do not shadow another model on that provider', () => {
    const byProvider = new Map<string, Map<string, string>>();
    for (const model of MODELS) {
      for (const [provider, endpoint] of Object.entries(model.endpoints)) {
        const names = byProvider.get(provider) ?? new Map<string, string>();
        byProvider.set(provider, names);
        const own = new Set([endpoint!.providerModelId ?? model.id, model.id, ...(model.aliases ?? [])].map((n) => n.toLowerCase()));
        for (const name of own) {
          const owner = names.get(name);
          expect(owner === undefined || owner === model.id, `${provider}: ${name} used by ${owner} and ${model.id}`).toBe(true);
          names.set(name, model.id);
        }
      }
    }
  });

  it('has the models the gateway promises', () => {
    const ids = new Set(MODELS.map((m) => m.id));
    for (const id of [
      'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5.1', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-4o', 'gpt-4o-mini',
      'o3', 'o4-mini', 'o3-mini', 'claude-opus-4-5', 'claude-opus-4-1', 'claude-sonnet-4-5', 'claude-sonnet-4',
      'claude-haiku-4-5', 'claude-3-5-haiku', 'gemini-3-pro-preview', 'gemini-2.5-pro', 'gemini-2.5-flash',
      'gemini-2.5-flash-lite', 'gemini-2.0-flash', 'mistral-large-latest', 'mistral-medium-latest',
      'mistral-small-latest', 'codestral-latest', 'deepseek-chat', 'deepseek-reasoner', 'grok-4', 'grok-3',
      'grok-3-mini', 'grok-4-fast', 'sonar', 'sonar-pro', 'sonar-reasoning', 'mock',
    ]) {
      expect(ids, id).toContain(id);
    }
    // Every OpenAI model is on Azure at the same price.
    for (const model of MODELS.filter((m) => m.endpoints.openai)) {
      expect(model.endpoints.azure?.pricing, model.id).toEqual(model.endpoints.openai!.pricing);
    }
    // OpenRouter endpoints carry the upstream price and a vendor/ id.
    for (const model of MODELS.filter((m) => m.endpoints.openrouter)) {
      const upstream = Object.entries(model.endpoints).find(([p]) => p !== 'openrouter')![1]!;
      expect(model.endpoints.openrouter!.pricing, model.id).toEqual(upstream.pricing);
      expect(model.endpoints.openrouter!.providerModelId, model.id).toMatch(/^[a-z-]+\/[a-z0-9.-]+$/);
    }
  });
});
