import { describe, expect, it } from 'vitest';
import { resolveProviders } from '../../../gateway/src/providers/catalog.js';
import { attemptsFor, buildAttempts } from '../../../gateway/src/routing/build-attempts.js';
import { ModelStringError, parseModelString } from '../../../gateway/src/routing/parse-model-string.js';

describe('parseModelString', () => {
  it('reads a bare model, model/provider and an Azure deployment', () => {
    expect(parseModelString('gpt-4o-mini').specs).toEqual([{ model: 'gpt-4o-mini', raw: 'gpt-4o-mini' }]);
    expect(parseModelString('gpt-4o-mini/openai').specs).toEqual([{ model: 'gpt-4o-mini', provider: 'openai', raw: 'gpt-4o-mini/openai' }]);
    expect(parseModelString('gpt-4o-mini/azure/eu-frankfurt').specs[0]).toMatchObject({ model: 'gpt-4o-mini', provider: 'azure', deployment: 'eu-frankfurt' });
  });

  it('keeps slashes that belong to the model id', () => {
    expect(parseModelString('meta-llama/Llama-3.3-70B-Instruct-Turbo/together').specs[0]).toMatchObject({ model: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', provider: 'together' });
    expect(parseModelString('openai/gpt-4o').specs[0]).toEqual({ model: 'openai/gpt-4o', raw: 'openai/gpt-4o' });
  });

  it('accepts Helicone’s provider names as aliases', () => {
    expect(parseModelString('gemini-2.5-flash/google-ai-studio').specs[0]!.provider).toBe('gemini');
  });

  it('reads chains in order, trimming spaces, and exclusions', () => {
    const parsed = parseModelString(' !openai , !anthropic,gpt-4o/azure, gpt-4o ');
    expect(parsed.specs.map((spec) => spec.raw)).toEqual(['gpt-4o/azure', 'gpt-4o']);
    expect([...parsed.excluded]).toEqual(['openai', 'anthropic']);
  });

  it.each([
    ['!', /Invalid exclusion "!"/],
    ['!nope,gpt-4o', /Unknown provider "nope" in exclusion/],
    ['gpt-4o,,gpt-4o', /empty entry/],
    ['!openai', /only exclusions/],
    ['/openai', /no model before the provider/],
    ['gpt-4o/openai/extra', /only for azure/],
  ])('refuses %s with a message that says how to fix it', (value, message) => {
    expect(() => parseModelString(value)).toThrow(ModelStringError);
    expect(() => parseModelString(value)).toThrow(message);
  });
});

describe('buildAttempts', () => {
  const env = { OPENAI_API_KEY: 'k', AZURE_API_KEY: 'k', AZURE_BASE_URL: 'https://example.openai.azure.com', OPENROUTER_API_KEY: 'k' };
  const providers = resolveProviders(env);
  const sources = (model: string) => buildAttempts(parseModelString(model), providers).map((attempt) => attempt.source);

  it('expands a bare model to the configured providers that serve it, cheapest first', () => {
    // gpt-4o-mini costs the same at all three, so they share first place.
    expect(sources('gpt-4o-mini').sort()).toEqual(['gpt-4o-mini/azure', 'gpt-4o-mini/openai', 'gpt-4o-mini/openrouter']);
    // Llama 3.3 70B: DeepInfra $0.13/$0.39, Groq $0.59/$0.79, Together $0.88/$0.88 per 1M tokens.
    const hosts = resolveProviders({ GROQ_API_KEY: 'k', TOGETHER_API_KEY: 'k', DEEPINFRA_API_KEY: 'k' });
    expect(buildAttempts(parseModelString('llama-3.3-70b-instruct'), hosts).map((attempt) => attempt.provider)).toEqual(['deepinfra', 'groq', 'together']);
  });

  it('lets providers of equal cost take turns, keeping the others behind them for failover', () => {
    const firsts = Array.from({ length: 6 }, () => sources('gpt-4o-mini'));
    expect(new Set(firsts.map((order) => order[0]))).toEqual(new Set(['gpt-4o-mini/openai', 'gpt-4o-mini/azure', 'gpt-4o-mini/openrouter']));
    for (const order of firsts) expect([...order].sort()).toEqual(['gpt-4o-mini/azure', 'gpt-4o-mini/openai', 'gpt-4o-mini/openrouter']);
  });

  it('locks model/provider to that provider, and uses the provider’s own model id', () => {
    const [attempt] = buildAttempts(parseModelString('gpt-4o-mini/openrouter'), providers);
    expect(attempt).toMatchObject({ source: 'gpt-4o-mini/openrouter', providerModel: 'openai/gpt-4o-mini' });
  });

  it('follows a manual chain, then the remaining providers for a trailing bare model, without repeats', () => {
    const order = sources('gpt-4o-mini/azure,gpt-4o-mini');
    expect(order[0]).toBe('gpt-4o-mini/azure');
    expect(order.slice(1).sort()).toEqual(['gpt-4o-mini/openai', 'gpt-4o-mini/openrouter']);
  });

  it('applies exclusions to automatic routing', () => {
    expect(sources('!openai,!openrouter,gpt-4o-mini')).toEqual(['gpt-4o-mini/azure']);
  });

  it('keeps an unconfigured provider as an attempt that will fail with the variable to set', () => {
    const [attempt] = buildAttempts(parseModelString('claude-sonnet-4-5/anthropic'), providers);
    expect(attempt!.config).toBeUndefined();
    expect(attempt!.unavailable).toBe('provider anthropic has no key: set ANTHROPIC_API_KEY');
  });

  it('says which key to set when no configured provider serves a bare model', () => {
    const openaiOnly = resolveProviders({ OPENAI_API_KEY: 'k' });
    expect(() => buildAttempts(parseModelString('claude-haiku-4-5'), openaiOnly)).toThrow(
      /No configured provider serves "claude-haiku-4-5": set ANTHROPIC_API_KEY or OPENROUTER_API_KEY, or name a provider, e.g. claude-haiku-4-5\/anthropic/,
    );
  });

  it('forwards any model to a named provider, even one the registry does not know', () => {
    expect(buildAttempts(parseModelString('my-finetune/openai'), providers)[0]).toMatchObject({ providerModel: 'my-finetune', config: { name: 'openai' } });
  });
});

describe('attemptsFor', () => {
  const providers = resolveProviders({ OPENAI_API_KEY: 'k', AZURE_API_KEY: 'k', AZURE_BASE_URL: 'https://example.openai.azure.com', OPENROUTER_API_KEY: 'k' });

  it('builds a model string that names every provider once, and gives the same frozen attempts after', () => {
    const first = attemptsFor('gpt-4o-mini/openrouter,gpt-4o/azure', providers);
    expect(first.map((attempt) => attempt.source)).toEqual(['gpt-4o-mini/openrouter', 'gpt-4o/azure']);
    expect(attemptsFor('gpt-4o-mini/openrouter,gpt-4o/azure', providers)).toBe(first);
    expect(Object.isFrozen(first) && first.every((attempt) => Object.isFrozen(attempt))).toBe(true);
  });

  it('keeps each provider table apart', () => {
    const openaiOnly = resolveProviders({ OPENAI_API_KEY: 'k' });
    expect(attemptsFor('gpt-4o-mini/azure', providers)[0]!.config).toBeDefined();
    expect(attemptsFor('gpt-4o-mini/azure', openaiOnly)[0]!.unavailable).toMatch(/^provider azure /);
  });

  it('builds a bare model each time, so providers of equal cost still take turns', () => {
    const firsts = new Set(Array.from({ length: 6 }, () => attemptsFor('gpt-4o-mini', providers)[0]!.source));
    expect(firsts).toEqual(new Set(['gpt-4o-mini/openai', 'gpt-4o-mini/azure', 'gpt-4o-mini/openrouter']));
  });

  it('refuses a bad model string every time it is sent', () => {
    for (let i = 0; i < 2; i++) expect(() => attemptsFor('gpt-4o/openai/extra', providers)).toThrow(/only for azure/);
  });
});
