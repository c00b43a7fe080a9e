import { describe, expect, it } from 'vitest';
import {
  endpointsFor,
  findEndpoint,
  findModel,
  isKnownProvider,
  knownProviders,
  listModels,
  pricingFor,
} from '../../../gateway/src/registry/registry.js';
import { MODELS } from '../../../gateway/src/registry/model-prices.js';

describe('findModel', () => {
  it('finds a model by canonical id', () => {
    const model = findModel('gpt-4o-mini');
    expect(model?.id).toBe('gpt-4o-mini');
    expect(model?.author).toBe('openai');
    expect(model?.contextLength).toBe(128000);
  });

  it('finds a model by Helicone registry alias and by dated snapshot alias', () => {
    expect(findModel('claude-4.5-sonnet')?.id).toBe('claude-sonnet-4-5');
    expect(findModel('claude-sonnet-4-5-20250929')?.id).toBe('claude-sonnet-4-5');
    expect(findModel('claude-3.5-haiku')?.id).toBe('claude-3-5-haiku');
    expect(findModel('gpt-4o-mini-2024-07-18')?.id).toBe('gpt-4o-mini');
    expect(findModel('llama-3.3-70b-versatile')?.id).toBe('llama-3.3-70b-instruct');
    expect(findModel('mock-model')?.id).toBe('mock');
  });

  it('is case-insensitive', () => {
    expect(findModel('GPT-4o-Mini')?.id).toBe('gpt-4o-mini');
    expect(findModel('Claude-Sonnet-4-5-20250929')?.id).toBe('claude-sonnet-4-5');
  });

  it('returns undefined for unknown names (no snapshot stripping here)', () => {
    expect(findModel('gpt-17-ultra')).toBeUndefined();
    expect(findModel('')).toBeUndefined();
    expect(findModel('gpt-4o-mini-2099-01-01')).toBeUndefined();
  });
});

describe('listModels', () => {
  it('lists every model in the OpenAI /v1/models item shape', () => {
    const list = listModels();
    expect(list).toHaveLength(MODELS.length);
    expect(list).toContainEqual({ id: 'gpt-4o', object: 'model', created: 1715558400, owned_by: 'openai' });
    expect(list).toContainEqual({ id: 'gemini-2.5-pro', object: 'model', created: 1750118400, owned_by: 'google' });
    expect(list).toContainEqual({ id: 'mock', object: 'model', created: 1735689600, owned_by: 'switchyard' });
    for (const item of list) {
      expect(Object.keys(item).sort()).toEqual(['created', 'id', 'object', 'owned_by']);
      expect(Number.isInteger(item.created)).toBe(true);
    }
    expect(new Set(list.map((m) => m.id)).size).toBe(list.length);
  });

  it('returns a fresh array each call', () => {
    const a = listModels();
    a.pop();
    expect(listModels()).toHaveLength(MODELS.length);
  });
});

describe('endpointsFor', () => {
  it('sorts providers cheapest first by input+output of the first tier', () => {
    const endpoints = endpointsFor('llama-3.3-70b-instruct');
    expect(endpoints.map((e) => e.provider)).toEqual(['deepinfra', 'groq', 'together', 'fireworks']);
    expect(endpoints[0]).toEqual({
      provider: 'deepinfra',
      providerModelId: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      pricing: [{ input: 0.13, output: 0.39 }],
    });
    expect(endpoints[1]!.providerModelId).toBe('llama-3.3-70b-versatile');
  });

  it('keeps data order on ties and uses the canonical id when the provider has no own id', () => {
    const endpoints = endpointsFor('gpt-4o-mini');
    expect(endpoints.map((e) => [e.provider, e.providerModelId])).toEqual([
      ['openai', 'gpt-4o-mini'],
      ['azure', 'gpt-4o-mini'],
      ['openrouter', 'openai/gpt-4o-mini'],
    ]);
  });

  it('resolves aliases and returns [] for unknown models', () => {
    expect(endpointsFor('claude-4.5-sonnet').map((e) => e.provider)).toEqual(['anthropic', 'openrouter']);
    expect(endpointsFor('no-such-model')).toEqual([]);
  });

  it('is sorted for every model', () => {
    for (const model of MODELS) {
      const prices = endpointsFor(model.id).map((e) => e.pricing[0]!.input + e.pricing[0]!.output);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
      expect(endpointsFor(model.id)).toHaveLength(Object.keys(model.endpoints).length);
    }
  });
});

describe('pricingFor', () => {
  const input = (provider: string, name: string) => pricingFor(provider, name)?.[0]?.input;

  it('prices by canonical id and alias', () => {
    expect(pricingFor('openai', 'gpt-4o-mini')).toEqual([{ input: 0.15, output: 0.6, cacheRead: 0.075 }]);
    expect(input('anthropic', 'claude-4.5-sonnet')).toBe(3);
    expect(input('mock', 'mock-model')).toBe(0.1);
    expect(pricingFor('mock', 'mock')).toEqual([{ input: 0.1, output: 0.2 }]);
  });

  it('prices dated snapshot names from response bodies', () => {
    expect(input('openai', 'gpt-4o-mini-2024-07-18')).toBe(0.15);
    expect(input('openai', 'gpt-5-nano-2025-08-07')).toBe(0.05);
    expect(input('openai', 'gpt-5.1-2025-11-13')).toBe(1.25);
    expect(input('openai', 'o3-2025-04-16')).toBe(2);
    // Not listed as aliases: resolved by stripping the suffix.
    expect(input('openai', 'gpt-4.1-mini-2026-01-01')).toBe(0.4);
    expect(input('azure', 'gpt-4o-2024-11-20')).toBe(2.5);
    expect(input('azure', 'gpt-4o-2025-02-02')).toBe(2.5);
    expect(input('anthropic', 'claude-sonnet-4-5-20250929')).toBe(3);
    expect(input('anthropic', 'claude-haiku-4-5-20251001')).toBe(1);
    expect(input('anthropic', 'claude-opus-4-5-20251101')).toBe(5);
    expect(input('anthropic', 'claude-opus-4-1-20990101')).toBe(15);
    expect(input('gemini', 'gemini-2.0-flash-001')).toBe(0.1);
    expect(input('gemini', 'gemini-2.5-flash-002')).toBe(0.3);
    expect(input('mistral', 'mistral-small-latest')).toBe(0.1);
    expect(input('mistral', 'mistral-medium-2508')).toBe(0.4);
    expect(input('xai', 'grok-4-0709')).toBe(3);
  });

  it('keeps a snapshot with its own price distinct from the family', () => {
    expect(pricingFor('openai', 'gpt-4o-2024-05-13')).toEqual([{ input: 5, output: 15 }]);
    expect(input('openai', 'gpt-4o')).toBe(2.5);
  });

  it("prices by the provider's own model id (case-insensitive)", () => {
    expect(pricingFor('groq', 'llama-3.3-70b-versatile')).toEqual([{ input: 0.59, output: 0.79 }]);
    expect(input('groq', 'llama-3.1-8b-instant')).toBe(0.05);
    expect(input('groq', 'openai/gpt-oss-120b')).toBe(0.15);
    expect(input('together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo')).toBe(0.88);
    expect(input('together', 'meta-llama/llama-3.3-70b-instruct-turbo')).toBe(0.88);
    expect(input('fireworks', 'accounts/fireworks/models/llama-v3p3-70b-instruct')).toBe(0.9);
    expect(input('deepinfra', 'deepseek-ai/DeepSeek-V3')).toBe(0.38);
    expect(input('openrouter', 'openai/gpt-4o-mini')).toBe(0.15);
    expect(input('openrouter', 'anthropic/claude-sonnet-4.5')).toBe(3);
    expect(input('openrouter', 'google/gemini-2.5-pro')).toBe(1.25);
    expect(input('xai', 'grok-4-fast-reasoning')).toBe(0.2);
    // A host's canonical name works too.
    expect(input('groq', 'llama-3.3-70b-instruct')).toBe(0.59);
  });

  it('returns the full tier list for tiered models', () => {
    expect(pricingFor('gemini', 'gemini-2.5-pro')).toEqual([
      { input: 1.25, output: 10, cacheRead: 0.3125 },
      { threshold: 200000, input: 2.5, output: 15, cacheRead: 0.625 },
    ]);
    expect(pricingFor('gemini', 'gemini-3-pro-preview')?.map((t) => [t.threshold ?? 0, t.input, t.output])).toEqual([
      [0, 2, 12],
      [200000, 4, 18],
    ]);
  });

  it('returns undefined for unknown models, unknown providers, and unserved pairs', () => {
    expect(pricingFor('openai', 'gpt-17-ultra')).toBeUndefined();
    expect(pricingFor('anthropic', 'claude-3-opus-20240229')).toBeUndefined();
    expect(pricingFor('gemini', 'gemini-3.1-pro-preview')).toBeUndefined();
    expect(pricingFor('ollama', 'llama3.3')).toBeUndefined();
    expect(pricingFor('ollama', 'llama-3.3-70b-instruct')).toBeUndefined();
    expect(pricingFor('nope', 'gpt-4o-mini')).toBeUndefined();
    expect(pricingFor('groq', 'gpt-4o-mini')).toBeUndefined();
    expect(pricingFor('azure', 'claude-sonnet-4-5')).toBeUndefined();
  });

  it('findEndpoint resolves to the registry entry', () => {
    const found = findEndpoint('openai', 'gpt-4o-mini-2024-07-18');
    expect(found?.model.id).toBe('gpt-4o-mini');
    expect(found?.provider).toBe('openai');
    expect(found?.providerModelId).toBe('gpt-4o-mini');
    expect(findEndpoint('together', 'deepseek-ai/DeepSeek-V3')?.model.id).toBe('deepseek-v3');
  });
});

describe('knownProviders', () => {
  it('is the allowed provider list, and every data provider is in it', () => {
    expect([...knownProviders].sort()).toEqual(
      [
        'anthropic', 'azure', 'deepinfra', 'deepseek', 'fireworks', 'gemini', 'groq', 'mistral',
        'mock', 'ollama', 'openai', 'openrouter', 'perplexity', 'together', 'xai',
      ].sort(),
    );
    const inData = new Set(MODELS.flatMap((m) => Object.keys(m.endpoints)));
    for (const provider of inData) expect(knownProviders).toContain(provider);
    // Everything except ollama (no price list) is actually served by some model.
    expect([...inData].sort()).toEqual(knownProviders.filter((p) => p !== 'ollama').sort());
  });

  it('isKnownProvider matches exact names only', () => {
    expect(isKnownProvider('groq')).toBe(true);
    expect(isKnownProvider('ollama')).toBe(true);
    expect(isKnownProvider('bedrock')).toBe(false);
    expect(isKnownProvider('OpenAI')).toBe(false);
  });
});
