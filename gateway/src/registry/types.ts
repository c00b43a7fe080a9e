/**
 * Shapes of the model registry data (see model-prices.ts for the data itself).
 * All prices are USD per 1M tokens.
 */

/** Every provider name the gateway knows, as used in model strings (`model/provider`). */
export const PROVIDER_NAMES = [
  'openai',
  'anthropic',
  'gemini',
  'azure',
  'groq',
  'mistral',
  'deepseek',
  'xai',
  'openrouter',
  'together',
  'fireworks',
  'deepinfra',
  'perplexity',
  'ollama',
  'mock',
] as const;

export type ProviderName = (typeof PROVIDER_NAMES)[number];

/**
 * One price tier, in USD per 1M tokens. A model with a single price has one tier with no threshold.
 * Cache prices are absolute (not multipliers of `input`); when absent, `input` is charged instead.
 */
export interface PricingTier {
  /** The tier applies when the prompt has MORE than this many tokens. Default 0. */
  threshold?: number;
  /** Uncached prompt tokens. */
  input: number;
  /** Completion tokens (reasoning tokens included). */
  output: number;
  /** Prompt tokens read from the provider's cache. */
  cacheRead?: number;
  /** Prompt tokens written to the cache with a 5-minute (default) TTL. */
  cacheWrite5m?: number;
  /** Prompt tokens written to the cache with a 1-hour TTL (falls back to cacheWrite5m). */
  cacheWrite1h?: number;
}

/** How one provider serves one model. */
export interface ModelEndpoint {
  /** The provider's own name for the model, when it differs from the canonical id. */
  providerModelId?: string;
  /** Price tiers sorted by threshold ascending; never empty. */
  pricing: PricingTier[];
}

export interface ModelEntry {
  /** Canonical model id, as the model's own provider names it (e.g. `gpt-4o-mini`). */
  id: string;
  /** Other names clients use: Helicone registry names, dated snapshots, vendor aliases. No `/`. */
  aliases?: string[];
  /** Who made the model (`owned_by` in /v1/models), e.g. `openai`, `google`, `meta-llama`. */
  author: string;
  /** Unix seconds, approximate release date. */
  created: number;
  /** Context window in tokens. */
  contextLength: number;
  /** Maximum completion tokens, when known. */
  maxOutput?: number;
  /** Provider name -> how that provider serves the model. */
  endpoints: Partial<Record<ProviderName, ModelEndpoint>>;
}
