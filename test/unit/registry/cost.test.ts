import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '../../../gateway/src/contract/usage.js';
import { computeCost, costFor, selectTier } from '../../../gateway/src/registry/cost.js';
import * as registry from '../../../gateway/src/registry/registry.js';
import { pricingFor } from '../../../gateway/src/registry/registry.js';
import type { PricingTier } from '../../../gateway/src/registry/types.js';

function usage(partial: Partial<TokenUsage>): TokenUsage {
  const u: TokenUsage = {
    promptTokens: 0,
    completionTokens: 0,
    totalTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    reasoningTokens: 0,
    ...partial,
  };
  if (partial.totalTokens === undefined) u.totalTokens = u.promptTokens + u.completionTokens;
  return u;
}

describe('computeCost: OpenAI with cached tokens', () => {
  it('gpt-4o-mini: 10,000 prompt of which 4,000 cached, 500 completion', () => {
    // uncached 6,000 x $0.15 = 900; cached 4,000 x $0.075 = 300; output 500 x $0.60 = 300 -> 1,500 / 1e6
    const cost = costFor('openai', 'gpt-4o-mini-2024-07-18', usage({ promptTokens: 10_000, cacheReadTokens: 4_000, completionTokens: 500 }));
    expect(cost).toBeCloseTo(0.0015, 12);
  });

  it('gpt-5: reasoning tokens are inside completion tokens and not charged twice', () => {
    // uncached 976 x $1.25 = 1,220; cached 1,024 x $0.125 = 128; output 3,000 x $10 = 30,000 -> 31,348 / 1e6
    const u = usage({ promptTokens: 2_000, cacheReadTokens: 1_024, completionTokens: 3_000, reasoningTokens: 2_500 });
    expect(costFor('openai', 'gpt-5', u)).toBeCloseTo(0.031348, 12);
    expect(costFor('azure', 'gpt-5-2025-08-07', u)).toBeCloseTo(0.031348, 12);
  });

  it('no cache: 11 prompt + 9 completion on gpt-4o', () => {
    // 11 x $2.50 + 9 x $10 = 27.5 + 90 = 117.5 / 1e6
    expect(costFor('openai', 'gpt-4o', usage({ promptTokens: 11, completionTokens: 9 }))).toBeCloseTo(0.0001175, 12);
  });
});

describe('computeCost: Anthropic cache writes (5m and 1h)', () => {
  it('claude-sonnet-4-5 at $3 input, read $0.30, write 5m $3.75, write 1h $6.00, output $15', () => {
    // prompt 10,000 = 1,000 uncached + 5,000 read + 4,000 written (1,000 of them with 1h TTL)
    // 1,000 x 3 = 3,000; 5,000 x 0.30 = 1,500; 3,000 x 3.75 = 11,250; 1,000 x 6 = 6,000; 200 x 15 = 3,000
    // total 24,750 / 1e6
    const u = usage({ promptTokens: 10_000, cacheReadTokens: 5_000, cacheWriteTokens: 4_000, cacheWrite1hTokens: 1_000, completionTokens: 200 });
    expect(costFor('anthropic', 'claude-sonnet-4-5-20250929', u)).toBeCloseTo(0.02475, 12);
  });

  it('only 5m writes on claude-haiku-4-5', () => {
    // 2,000 uncached x $1 = 2,000; 8,000 written x $1.25 = 10,000; 100 out x $5 = 500 -> 12,500 / 1e6
    const u = usage({ promptTokens: 10_000, cacheWriteTokens: 8_000, completionTokens: 100 });
    expect(costFor('anthropic', 'claude-haiku-4-5', u)).toBeCloseTo(0.0125, 12);
  });
});

describe('computeCost: tiers', () => {
  it('Gemini 2.5 Pro stays on the base tier at exactly 200,000 prompt tokens', () => {
    // 200,000 x $1.25 = 250,000; 1,000 x $10 = 10,000 -> 260,000 / 1e6
    expect(costFor('gemini', 'gemini-2.5-pro', usage({ promptTokens: 200_000, completionTokens: 1_000 }))).toBeCloseTo(0.26, 12);
  });

  it('Gemini 2.5 Pro switches to the >200K tier above 200,000 prompt tokens', () => {
    // 200,001 x $2.50 = 500,002.5; 1,000 x $15 = 15,000 -> 515,002.5 / 1e6
    expect(costFor('gemini', 'gemini-2.5-pro', usage({ promptTokens: 200_001, completionTokens: 1_000 }))).toBeCloseTo(0.5150025, 12);
  });

  it('Gemini 2.5 Pro >200K with cache reads at the tier cache price', () => {
    // uncached 200,000 x $2.50 = 500,000; cached 100,000 x $0.625 = 62,500; 2,000 x $15 = 30,000 -> 592,500 / 1e6
    const u = usage({ promptTokens: 300_000, cacheReadTokens: 100_000, completionTokens: 2_000 });
    expect(costFor('gemini', 'gemini-2.5-pro', u)).toBeCloseTo(0.5925, 12);
  });

  it('selectTier picks the largest threshold below the prompt size, regardless of order', () => {
    const tiers: PricingTier[] = [
      { threshold: 100, input: 2, output: 2 },
      { input: 1, output: 1 },
      { threshold: 1000, input: 3, output: 3 },
    ];
    expect(selectTier(tiers, 0).input).toBe(1);
    expect(selectTier(tiers, 100).input).toBe(1);
    expect(selectTier(tiers, 101).input).toBe(2);
    expect(selectTier(tiers, 1000).input).toBe(2);
    expect(selectTier(tiers, 1001).input).toBe(3);
    expect(() => selectTier([], 10)).toThrow(RangeError);
  });
});

describe('computeCost: fallbacks and edge cases', () => {
  it('charges cache tokens at the input price when the tier has no cache prices', () => {
    // all 1,000 prompt tokens at $2 = 2,000; 10 x $4 = 40 -> 2,040 / 1e6
    const u = usage({ promptTokens: 1_000, cacheReadTokens: 400, cacheWriteTokens: 100, cacheWrite1hTokens: 50, completionTokens: 10 });
    expect(computeCost([{ input: 2, output: 4 }], u)).toBeCloseTo(0.00204, 12);
  });

  it('1h writes fall back to the 5m write price', () => {
    // 100 x $1.25 = 125 -> 125 / 1e6
    const u = usage({ promptTokens: 100, cacheWriteTokens: 100, cacheWrite1hTokens: 100 });
    expect(computeCost([{ input: 1, output: 1, cacheWrite5m: 1.25 }], u)).toBeCloseTo(0.000125, 12);
  });

  it('never counts uncached input below zero', () => {
    // inconsistent usage: 150 cached of a 100-token prompt -> 150 x $0.5 only = 75 / 1e6
    const u = usage({ promptTokens: 100, cacheReadTokens: 150 });
    expect(computeCost([{ input: 1, output: 1, cacheRead: 0.5 }], u)).toBeCloseTo(0.000075, 12);
  });

  it('clamps 1h writes to the total writes', () => {
    // 10 writes, claimed 20 of them 1h -> 10 x $6 = 60 / 1e6
    const u = usage({ promptTokens: 10, cacheWriteTokens: 10, cacheWrite1hTokens: 20 });
    expect(computeCost([{ input: 3, output: 15, cacheWrite5m: 3.75, cacheWrite1h: 6 }], u)).toBeCloseTo(0.00006, 12);
  });

  it('strips float noise', () => {
    // 0.1 + 0.2 style noise: 1 x $0.1 + 1 x $0.2 per 1M
    expect(computeCost([{ input: 0.1, output: 0.2 }], usage({ promptTokens: 1_000_000, completionTokens: 1_000_000 }))).toBe(0.3);
  });

  it('the mock provider has a small non-zero price', () => {
    // 1,000 x $0.10 + 500 x $0.20 = 200 / 1e6
    expect(costFor('mock', 'mock', usage({ promptTokens: 1_000, completionTokens: 500 }))).toBeCloseTo(0.0002, 12);
    expect(costFor('mock', 'mock-model', usage({ promptTokens: 1_000, completionTokens: 500 }))).toBeCloseTo(0.0002, 12);
  });
});

describe('costFor', () => {
  it('is null (not 0) for unknown pricing', () => {
    const u = usage({ promptTokens: 1_000, completionTokens: 100 });
    expect(costFor('openai', 'gpt-17-ultra', u)).toBeNull();
    expect(costFor('ollama', 'llama3.3', u)).toBeNull();
    expect(costFor('azure', 'claude-sonnet-4-5', u)).toBeNull();
    expect(costFor('nope', 'gpt-4o', u)).toBeNull();
  });

  it('is 0 for a known model with zero usage', () => {
    expect(costFor('openai', 'gpt-4o', usage({}))).toBe(0);
  });

  it('agrees with computeCost over pricingFor', () => {
    const u = usage({ promptTokens: 5_000, cacheReadTokens: 1_000, completionTokens: 300 });
    expect(costFor('groq', 'llama-3.3-70b-versatile', u)).toBe(computeCost(pricingFor('groq', 'llama-3.3-70b-versatile')!, u));
    // 5,000 x $0.59 = 2,950 (groq lists no cache price here); 300 x $0.79 = 237 -> 3,187 / 1e6
    expect(costFor('groq', 'llama-3.3-70b-versatile', u)).toBeCloseTo(0.003187, 12);
  });
});

describe('registry.ts entry point', () => {
  it('re-exports the cost functions', () => {
    expect(registry.costFor).toBe(costFor);
    expect(registry.computeCost).toBe(computeCost);
  });
});
