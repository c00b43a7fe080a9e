/**
 * The model registry data: which models exist, which providers serve them, and what they cost.
 *
 * WHERE THE PRICES COME FROM: the providers' public pricing pages (openai.com/api/pricing,
 * anthropic.com/pricing + docs.anthropic.com prompt-caching, ai.google.dev/gemini-api/docs/pricing,
 * groq.com/pricing, mistral.ai/pricing, api-docs.deepseek.com/quick_start/pricing,
 * docs.x.ai/docs/models, together.ai/pricing, fireworks.ai/pricing, deepinfra.com/pricing,
 * docs.perplexity.ai/getting-started/pricing, openrouter.ai/models), as of December 2025.
 * Third-party hosts (together, fireworks, deepinfra, openrouter) change prices often: treat those
 * as approximate and check the page before relying on them.
 *
 * UNITS: every price is USD per 1M tokens. Cache prices are absolute per 1M (not multipliers).
 * Not modelled: per-request fees (Perplexity search), audio/image token prices, Gemini cache storage.
 *
 * HOW TO ADD A MODEL: append an entry to MODELS below:
 *   - `id`: the canonical id as the model's maker names it in its API (lowercase, no `/`).
 *   - `aliases`: other names clients send (Helicone registry names like `claude-4.5-sonnet`, dated
 *     snapshots like `gpt-4o-mini-2024-07-18`). Ids and aliases must be unique across the file.
 *     Dated suffixes (`-2024-07-18`, `-20250929`, `-001`, `-latest`, `-2506`) are also stripped
 *     automatically when pricing a response's model name, so listing every snapshot is optional.
 *   - `endpoints`: one key per provider (names in PROVIDER_NAMES in types.ts). Set `providerModelId`
 *     when the provider's name differs from `id`. `pricing` is a list of tiers sorted by `threshold`
 *     (prompt tokens above which the tier applies; omit it for the base tier).
 *   - ollama serves local models and has no price list: do not add ollama endpoints with prices.
 *   - run `npx vitest run test/unit/registry` (checks structure: unique names, sorted tiers, ...).
 */
import type { ModelEntry } from './types.js';

export const MODELS: ModelEntry[] = [
  // ───────────────────────────── OpenAI (also on Azure OpenAI at the same prices) ─────────────────────────────
  {
    id: 'gpt-5.1',
    aliases: ['gpt-5.1-2025-11-13'],
    author: 'openai',
    created: 1762992000,
    contextLength: 400000,
    maxOutput: 128000,
    endpoints: {
      openai: { pricing: [{ input: 1.25, output: 10, cacheRead: 0.125 }] },
      azure: { pricing: [{ input: 1.25, output: 10, cacheRead: 0.125 }] },
      openrouter: { providerModelId: 'openai/gpt-5.1', pricing: [{ input: 1.25, output: 10, cacheRead: 0.125 }] },
    },
  },
  {
    id: 'gpt-5',
    aliases: ['gpt-5-2025-08-07'],
    author: 'openai',
    created: 1754524800,
    contextLength: 400000,
    maxOutput: 128000,
    endpoints: {
      openai: { pricing: [{ input: 1.25, output: 10, cacheRead: 0.125 }] },
      azure: { pricing: [{ input: 1.25, output: 10, cacheRead: 0.125 }] },
      openrouter: { providerModelId: 'openai/gpt-5', pricing: [{ input: 1.25, output: 10, cacheRead: 0.125 }] },
    },
  },
  {
    id: 'gpt-5-mini',
    aliases: ['gpt-5-mini-2025-08-07'],
    author: 'openai',
    created: 1754524800,
    contextLength: 400000,
    maxOutput: 128000,
    endpoints: {
      openai: { pricing: [{ input: 0.25, output: 2, cacheRead: 0.025 }] },
      azure: { pricing: [{ input: 0.25, output: 2, cacheRead: 0.025 }] },
      openrouter: { providerModelId: 'openai/gpt-5-mini', pricing: [{ input: 0.25, output: 2, cacheRead: 0.025 }] },
    },
  },
  {
    id: 'gpt-5-nano',
    aliases: ['gpt-5-nano-2025-08-07'],
    author: 'openai',
    created: 1754524800,
    contextLength: 400000,
    maxOutput: 128000,
    endpoints: {
      openai: { pricing: [{ input: 0.05, output: 0.4, cacheRead: 0.005 }] },
      azure: { pricing: [{ input: 0.05, output: 0.4, cacheRead: 0.005 }] },
    },
  },
  {
    id: 'gpt-4.1',
    aliases: ['gpt-4.1-2025-04-14'],
    author: 'openai',
    created: 1744588800,
    contextLength: 1047576,
    maxOutput: 32768,
    endpoints: {
      openai: { pricing: [{ input: 2, output: 8, cacheRead: 0.5 }] },
      azure: { pricing: [{ input: 2, output: 8, cacheRead: 0.5 }] },
      openrouter: { providerModelId: 'openai/gpt-4.1', pricing: [{ input: 2, output: 8, cacheRead: 0.5 }] },
    },
  },
  {
    id: 'gpt-4.1-mini',
    aliases: ['gpt-4.1-mini-2025-04-14'],
    author: 'openai',
    created: 1744588800,
    contextLength: 1047576,
    maxOutput: 32768,
    endpoints: {
      openai: { pricing: [{ input: 0.4, output: 1.6, cacheRead: 0.1 }] },
      azure: { pricing: [{ input: 0.4, output: 1.6, cacheRead: 0.1 }] },
    },
  },
  {
    id: 'gpt-4.1-nano',
    aliases: ['gpt-4.1-nano-2025-04-14'],
    author: 'openai',
    created: 1744588800,
    contextLength: 1047576,
    maxOutput: 32768,
    endpoints: {
      openai: { pricing: [{ input: 0.1, output: 0.4, cacheRead: 0.025 }] },
      azure: { pricing: [{ input: 0.1, output: 0.4, cacheRead: 0.025 }] },
    },
  },
  {
    // The first gpt-4o snapshot kept its launch price; later snapshots (and `gpt-4o`) are cheaper.
    id: 'gpt-4o-2024-05-13',
    author: 'openai',
    created: 1715558400,
    contextLength: 128000,
    maxOutput: 4096,
    endpoints: {
      openai: { pricing: [{ input: 5, output: 15 }] },
      azure: { pricing: [{ input: 5, output: 15 }] },
    },
  },
  {
    id: 'gpt-4o',
    aliases: ['gpt-4o-2024-11-20', 'gpt-4o-2024-08-06'],
    author: 'openai',
    created: 1715558400,
    contextLength: 128000,
    maxOutput: 16384,
    endpoints: {
      openai: { pricing: [{ input: 2.5, output: 10, cacheRead: 1.25 }] },
      azure: { pricing: [{ input: 2.5, output: 10, cacheRead: 1.25 }] },
      openrouter: { providerModelId: 'openai/gpt-4o', pricing: [{ input: 2.5, output: 10, cacheRead: 1.25 }] },
    },
  },
  {
    id: 'gpt-4o-mini',
    aliases: ['gpt-4o-mini-2024-07-18'],
    author: 'openai',
    created: 1721260800,
    contextLength: 128000,
    maxOutput: 16384,
    endpoints: {
      openai: { pricing: [{ input: 0.15, output: 0.6, cacheRead: 0.075 }] },
      azure: { pricing: [{ input: 0.15, output: 0.6, cacheRead: 0.075 }] },
      openrouter: { providerModelId: 'openai/gpt-4o-mini', pricing: [{ input: 0.15, output: 0.6, cacheRead: 0.075 }] },
    },
  },
  {
    id: 'o3',
    aliases: ['o3-2025-04-16'],
    author: 'openai',
    created: 1744761600,
    contextLength: 200000,
    maxOutput: 100000,
    endpoints: {
      openai: { pricing: [{ input: 2, output: 8, cacheRead: 0.5 }] },
      azure: { pricing: [{ input: 2, output: 8, cacheRead: 0.5 }] },
    },
  },
  {
    id: 'o4-mini',
    aliases: ['o4-mini-2025-04-16'],
    author: 'openai',
    created: 1744761600,
    contextLength: 200000,
    maxOutput: 100000,
    endpoints: {
      openai: { pricing: [{ input: 1.1, output: 4.4, cacheRead: 0.275 }] },
      azure: { pricing: [{ input: 1.1, output: 4.4, cacheRead: 0.275 }] },
    },
  },
  {
    id: 'o3-mini',
    aliases: ['o3-mini-2025-01-31'],
    author: 'openai',
    created: 1738281600,
    contextLength: 200000,
    maxOutput: 100000,
    endpoints: {
      openai: { pricing: [{ input: 1.1, output: 4.4, cacheRead: 0.55 }] },
      azure: { pricing: [{ input: 1.1, output: 4.4, cacheRead: 0.55 }] },
    },
  },
  {
    // Open-weight model; priced by its hosts.
    id: 'gpt-oss-120b',
    author: 'openai',
    created: 1754352000,
    contextLength: 131072,
    maxOutput: 65536,
    endpoints: {
      groq: { providerModelId: 'openai/gpt-oss-120b', pricing: [{ input: 0.15, output: 0.6, cacheRead: 0.075 }] },
      together: { providerModelId: 'openai/gpt-oss-120b', pricing: [{ input: 0.15, output: 0.6 }] },
      fireworks: { providerModelId: 'accounts/fireworks/models/gpt-oss-120b', pricing: [{ input: 0.15, output: 0.6 }] },
    },
  },

  // ───────────────────────────── Anthropic (cache read 0.1x, write 5m 1.25x, write 1h 2x) ─────────────────────────────
  {
    id: 'claude-opus-4-5',
    aliases: ['claude-opus-4-5-20251101', 'claude-4.5-opus'],
    author: 'anthropic',
    created: 1763942400,
    contextLength: 200000,
    maxOutput: 64000,
    endpoints: {
      anthropic: { pricing: [{ input: 5, output: 25, cacheRead: 0.5, cacheWrite5m: 6.25, cacheWrite1h: 10 }] },
      openrouter: {
        providerModelId: 'anthropic/claude-opus-4.5',
        pricing: [{ input: 5, output: 25, cacheRead: 0.5, cacheWrite5m: 6.25, cacheWrite1h: 10 }],
      },
    },
  },
  {
    id: 'claude-opus-4-1',
    aliases: ['claude-opus-4-1-20250805', 'claude-4.1-opus'],
    author: 'anthropic',
    created: 1754352000,
    contextLength: 200000,
    maxOutput: 32000,
    endpoints: {
      anthropic: { pricing: [{ input: 15, output: 75, cacheRead: 1.5, cacheWrite5m: 18.75, cacheWrite1h: 30 }] },
    },
  },
  {
    id: 'claude-opus-4',
    aliases: ['claude-opus-4-20250514', 'claude-4-opus'],
    author: 'anthropic',
    created: 1747872000,
    contextLength: 200000,
    maxOutput: 32000,
    endpoints: {
      anthropic: { pricing: [{ input: 15, output: 75, cacheRead: 1.5, cacheWrite5m: 18.75, cacheWrite1h: 30 }] },
    },
  },
  {
    // The >200K tier is Anthropic's long-context price (1M-token context beta).
    id: 'claude-sonnet-4-5',
    aliases: ['claude-sonnet-4-5-20250929', 'claude-4.5-sonnet'],
    author: 'anthropic',
    created: 1759104000,
    contextLength: 200000,
    maxOutput: 64000,
    endpoints: {
      anthropic: {
        pricing: [
          { input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6 },
          { threshold: 200000, input: 6, output: 22.5, cacheRead: 0.6, cacheWrite5m: 7.5, cacheWrite1h: 12 },
        ],
      },
      openrouter: {
        providerModelId: 'anthropic/claude-sonnet-4.5',
        pricing: [
          { input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6 },
          { threshold: 200000, input: 6, output: 22.5, cacheRead: 0.6, cacheWrite5m: 7.5, cacheWrite1h: 12 },
        ],
      },
    },
  },
  {
    id: 'claude-sonnet-4',
    aliases: ['claude-sonnet-4-20250514', 'claude-4-sonnet'],
    author: 'anthropic',
    created: 1747872000,
    contextLength: 200000,
    maxOutput: 64000,
    endpoints: {
      anthropic: {
        pricing: [
          { input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6 },
          { threshold: 200000, input: 6, output: 22.5, cacheRead: 0.6, cacheWrite5m: 7.5, cacheWrite1h: 12 },
        ],
      },
    },
  },
  {
    id: 'claude-haiku-4-5',
    aliases: ['claude-haiku-4-5-20251001', 'claude-4.5-haiku'],
    author: 'anthropic',
    created: 1760486400,
    contextLength: 200000,
    maxOutput: 64000,
    endpoints: {
      anthropic: { pricing: [{ input: 1, output: 5, cacheRead: 0.1, cacheWrite5m: 1.25, cacheWrite1h: 2 }] },
      openrouter: {
        providerModelId: 'anthropic/claude-haiku-4.5',
        pricing: [{ input: 1, output: 5, cacheRead: 0.1, cacheWrite5m: 1.25, cacheWrite1h: 2 }],
      },
    },
  },
  {
    id: 'claude-3-5-haiku',
    aliases: ['claude-3-5-haiku-20241022', 'claude-3-5-haiku-latest', 'claude-3.5-haiku'],
    author: 'anthropic',
    created: 1729555200,
    contextLength: 200000,
    maxOutput: 8192,
    endpoints: {
      anthropic: { pricing: [{ input: 0.8, output: 4, cacheRead: 0.08, cacheWrite5m: 1, cacheWrite1h: 1.6 }] },
    },
  },
  {
    id: 'claude-3-haiku',
    aliases: ['claude-3-haiku-20240307', 'claude-3-haiku-latest'],
    author: 'anthropic',
    created: 1709769600,
    contextLength: 200000,
    maxOutput: 4096,
    endpoints: {
      anthropic: { pricing: [{ input: 0.25, output: 1.25, cacheRead: 0.03, cacheWrite5m: 0.3, cacheWrite1h: 0.5 }] },
    },
  },

  // ───────────────────────────── Google Gemini (provider `gemini`, author `google`) ─────────────────────────────
  // Cache reads: 0.25x of input for the 2.x family (as in Helicone's docs), 0.1x for Gemini 3.
  // Cache writes are charged at the input price (storage per hour is not modelled).
  {
    id: 'gemini-3-pro-preview',
    aliases: ['gemini-3-pro'],
    author: 'google',
    created: 1763424000,
    contextLength: 1048576,
    maxOutput: 65536,
    endpoints: {
      gemini: {
        pricing: [
          { input: 2, output: 12, cacheRead: 0.2 },
          { threshold: 200000, input: 4, output: 18, cacheRead: 0.4 },
        ],
      },
      openrouter: {
        providerModelId: 'google/gemini-3-pro-preview',
        pricing: [
          { input: 2, output: 12, cacheRead: 0.2 },
          { threshold: 200000, input: 4, output: 18, cacheRead: 0.4 },
        ],
      },
    },
  },
  {
    id: 'gemini-2.5-pro',
    author: 'google',
    created: 1750118400,
    contextLength: 1048576,
    maxOutput: 65536,
    endpoints: {
      gemini: {
        pricing: [
          { input: 1.25, output: 10, cacheRead: 0.3125 },
          { threshold: 200000, input: 2.5, output: 15, cacheRead: 0.625 },
        ],
      },
      openrouter: {
        providerModelId: 'google/gemini-2.5-pro',
        pricing: [
          { input: 1.25, output: 10, cacheRead: 0.3125 },
          { threshold: 200000, input: 2.5, output: 15, cacheRead: 0.625 },
        ],
      },
    },
  },
  {
    id: 'gemini-2.5-flash',
    aliases: ['gemini-2.5-flash-preview-09-2025'],
    author: 'google',
    created: 1750118400,
    contextLength: 1048576,
    maxOutput: 65536,
    endpoints: {
      gemini: { pricing: [{ input: 0.3, output: 2.5, cacheRead: 0.075 }] },
      openrouter: { providerModelId: 'google/gemini-2.5-flash', pricing: [{ input: 0.3, output: 2.5, cacheRead: 0.075 }] },
    },
  },
  {
    id: 'gemini-2.5-flash-lite',
    aliases: ['gemini-2.5-flash-lite-preview-09-2025'],
    author: 'google',
    created: 1753142400,
    contextLength: 1048576,
    maxOutput: 65536,
    endpoints: {
      gemini: { pricing: [{ input: 0.1, output: 0.4, cacheRead: 0.025 }] },
    },
  },
  {
    id: 'gemini-2.0-flash',
    aliases: ['gemini-2.0-flash-001'],
    author: 'google',
    created: 1738713600,
    contextLength: 1048576,
    maxOutput: 8192,
    endpoints: {
      gemini: { pricing: [{ input: 0.1, output: 0.4, cacheRead: 0.025 }] },
    },
  },

  // ───────────────────────────── Meta Llama (open weights, served by hosts) ─────────────────────────────
  {
    id: 'llama-3.3-70b-instruct',
    aliases: ['llama-3.3-70b', 'llama-3.3-70b-versatile'],
    author: 'meta-llama',
    created: 1733443200,
    contextLength: 131072,
    maxOutput: 32768,
    endpoints: {
      groq: { providerModelId: 'llama-3.3-70b-versatile', pricing: [{ input: 0.59, output: 0.79 }] },
      together: { providerModelId: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', pricing: [{ input: 0.88, output: 0.88 }] },
      fireworks: {
        providerModelId: 'accounts/fireworks/models/llama-v3p3-70b-instruct',
        pricing: [{ input: 0.9, output: 0.9 }],
      },
      deepinfra: { providerModelId: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', pricing: [{ input: 0.13, output: 0.39 }] },
    },
  },
  {
    id: 'llama-3.1-8b-instruct',
    aliases: ['llama-3.1-8b', 'llama-3.1-8b-instant'],
    author: 'meta-llama',
    created: 1721692800,
    contextLength: 131072,
    maxOutput: 8192,
    endpoints: {
      groq: { providerModelId: 'llama-3.1-8b-instant', pricing: [{ input: 0.05, output: 0.08 }] },
      together: { providerModelId: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo', pricing: [{ input: 0.18, output: 0.18 }] },
      deepinfra: { providerModelId: 'meta-llama/Meta-Llama-3.1-8B-Instruct', pricing: [{ input: 0.03, output: 0.05 }] },
    },
  },

  // ───────────────────────────── Mistral (`-latest` ids; dated ids as aliases) ─────────────────────────────
  {
    // Mistral Large 3 (2512); Mistral Large 2.1 (2411) was $2/$6.
    id: 'mistral-large-latest',
    aliases: ['mistral-large', 'mistral-large-2512'],
    author: 'mistral',
    created: 1764633600,
    contextLength: 262144,
    endpoints: {
      mistral: { pricing: [{ input: 0.5, output: 1.5 }] },
    },
  },
  {
    id: 'mistral-medium-latest',
    aliases: ['mistral-medium', 'mistral-medium-2508'],
    author: 'mistral',
    created: 1754956800,
    contextLength: 131072,
    endpoints: {
      mistral: { pricing: [{ input: 0.4, output: 2 }] },
    },
  },
  {
    id: 'mistral-small-latest',
    aliases: ['mistral-small', 'mistral-small-2506'],
    author: 'mistral',
    created: 1750377600,
    contextLength: 131072,
    endpoints: {
      mistral: { pricing: [{ input: 0.1, output: 0.3 }] },
    },
  },
  {
    id: 'codestral-latest',
    aliases: ['codestral', 'codestral-2508'],
    author: 'mistral',
    created: 1753833600,
    contextLength: 262144,
    endpoints: {
      mistral: { pricing: [{ input: 0.3, output: 0.9 }] },
    },
  },

  // ───────────────────────────── DeepSeek (cacheRead = cache-hit input price) ─────────────────────────────
  {
    // DeepSeek-V3.2 (non-thinking mode) since 2025-09-29.
    id: 'deepseek-chat',
    aliases: ['deepseek-v3.2'],
    author: 'deepseek',
    created: 1735171200,
    contextLength: 131072,
    maxOutput: 8192,
    endpoints: {
      deepseek: { pricing: [{ input: 0.28, output: 0.42, cacheRead: 0.028 }] },
    },
  },
  {
    // DeepSeek-V3.2 (thinking mode).
    id: 'deepseek-reasoner',
    author: 'deepseek',
    created: 1737331200,
    contextLength: 131072,
    maxOutput: 65536,
    endpoints: {
      deepseek: { pricing: [{ input: 0.28, output: 0.42, cacheRead: 0.028 }] },
    },
  },
  {
    // The open-weight DeepSeek V3 as served by third-party hosts.
    id: 'deepseek-v3',
    author: 'deepseek',
    created: 1735171200,
    contextLength: 131072,
    endpoints: {
      together: { providerModelId: 'deepseek-ai/DeepSeek-V3', pricing: [{ input: 1.25, output: 1.25 }] },
      fireworks: { providerModelId: 'accounts/fireworks/models/deepseek-v3', pricing: [{ input: 0.9, output: 0.9 }] },
      deepinfra: { providerModelId: 'deepseek-ai/DeepSeek-V3', pricing: [{ input: 0.38, output: 0.89 }] },
    },
  },

  // ───────────────────────────── xAI (higher price above 128K prompt tokens where listed) ─────────────────────────────
  {
    id: 'grok-4',
    aliases: ['grok-4-0709', 'grok-4-latest'],
    author: 'xai',
    created: 1752019200,
    contextLength: 256000,
    endpoints: {
      xai: {
        pricing: [
          { input: 3, output: 15, cacheRead: 0.75 },
          { threshold: 128000, input: 6, output: 30, cacheRead: 0.75 },
        ],
      },
      openrouter: {
        providerModelId: 'x-ai/grok-4',
        pricing: [
          { input: 3, output: 15, cacheRead: 0.75 },
          { threshold: 128000, input: 6, output: 30, cacheRead: 0.75 },
        ],
      },
    },
  },
  {
    id: 'grok-4-fast',
    aliases: ['grok-4-fast-reasoning', 'grok-4-fast-non-reasoning'],
    author: 'xai',
    created: 1758240000,
    contextLength: 2000000,
    endpoints: {
      xai: {
        providerModelId: 'grok-4-fast-reasoning',
        pricing: [
          { input: 0.2, output: 0.5, cacheRead: 0.05 },
          { threshold: 128000, input: 0.4, output: 1, cacheRead: 0.05 },
        ],
      },
    },
  },
  {
    id: 'grok-3',
    aliases: ['grok-3-latest', 'grok-3-beta'],
    author: 'xai',
    created: 1739750400,
    contextLength: 131072,
    endpoints: {
      xai: { pricing: [{ input: 3, output: 15, cacheRead: 0.75 }] },
    },
  },
  {
    id: 'grok-3-mini',
    aliases: ['grok-3-mini-latest', 'grok-3-mini-beta'],
    author: 'xai',
    created: 1739750400,
    contextLength: 131072,
    endpoints: {
      xai: { pricing: [{ input: 0.3, output: 0.5, cacheRead: 0.075 }] },
    },
  },

  // ───────────────────────────── Perplexity (token prices only; per-request search fees not modelled) ─────────────────────────────
  {
    id: 'sonar',
    author: 'perplexity',
    created: 1737417600,
    contextLength: 128000,
    endpoints: {
      perplexity: { pricing: [{ input: 1, output: 1 }] },
    },
  },
  {
    id: 'sonar-pro',
    author: 'perplexity',
    created: 1737417600,
    contextLength: 200000,
    maxOutput: 8000,
    endpoints: {
      perplexity: { pricing: [{ input: 3, output: 15 }] },
    },
  },
  {
    id: 'sonar-reasoning',
    author: 'perplexity',
    created: 1738108800,
    contextLength: 128000,
    endpoints: {
      perplexity: { pricing: [{ input: 1, output: 5 }] },
    },
  },
  {
    id: 'sonar-reasoning-pro',
    author: 'perplexity',
    created: 1738108800,
    contextLength: 128000,
    endpoints: {
      perplexity: { pricing: [{ input: 2, output: 8 }] },
    },
  },

  // ───────────────────────────── Switchyard's offline mock provider (non-zero so demos show a cost) ─────────────────────────────
  {
    id: 'mock',
    aliases: ['mock-model'],
    author: 'switchyard',
    created: 1735689600,
    contextLength: 128000,
    maxOutput: 4096,
    endpoints: {
      mock: { pricing: [{ input: 0.1, output: 0.2 }] },
    },
  },
];
