/**
 * Every provider the gateway knows: its wire format, default base URL and where its key comes
 * from. Base URLs are overridable with <NAME>_BASE_URL; keys come from the environment only.
 */
import type { ProviderConfig, WireFormat } from './types.js';

export interface ProviderDefinition {
  name: string;
  format: WireFormat;
  /** Undefined when the provider has no public endpoint and needs <NAME>_BASE_URL (azure, custom). */
  defaultBaseUrl?: string;
  /** Environment variables holding the key, first match wins. Empty when no key is needed. */
  keyEnv: string[];
  /** Extra environment variables accepted for the base URL (after <NAME>_BASE_URL). */
  baseUrlEnv?: string[];
}

export const providerDefinitions: ProviderDefinition[] = [
  { name: 'openai', format: 'openai', defaultBaseUrl: 'https://api.openai.com/v1', keyEnv: ['OPENAI_API_KEY'] },
  { name: 'anthropic', format: 'anthropic', defaultBaseUrl: 'https://api.anthropic.com/v1', keyEnv: ['ANTHROPIC_API_KEY'] },
  {
    name: 'gemini',
    format: 'gemini',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    keyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  },
  {
    name: 'azure',
    format: 'azure',
    keyEnv: ['AZURE_API_KEY', 'AZURE_OPENAI_API_KEY'],
    baseUrlEnv: ['AZURE_OPENAI_ENDPOINT'],
  },
  { name: 'groq', format: 'openai', defaultBaseUrl: 'https://api.groq.com/openai/v1', keyEnv: ['GROQ_API_KEY'] },
  { name: 'mistral', format: 'openai', defaultBaseUrl: 'https://api.mistral.ai/v1', keyEnv: ['MISTRAL_API_KEY'] },
  { name: 'deepseek', format: 'openai', defaultBaseUrl: 'https://api.deepseek.com/v1', keyEnv: ['DEEPSEEK_API_KEY'] },
  { name: 'xai', format: 'openai', defaultBaseUrl: 'https://api.x.ai/v1', keyEnv: ['XAI_API_KEY'] },
  { name: 'openrouter', format: 'openai', defaultBaseUrl: 'https://openrouter.ai/api/v1', keyEnv: ['OPENROUTER_API_KEY'] },
  { name: 'together', format: 'openai', defaultBaseUrl: 'https://api.together.xyz/v1', keyEnv: ['TOGETHER_API_KEY'] },
  { name: 'fireworks', format: 'openai', defaultBaseUrl: 'https://api.fireworks.ai/inference/v1', keyEnv: ['FIREWORKS_API_KEY'] },
  { name: 'deepinfra', format: 'openai', defaultBaseUrl: 'https://api.deepinfra.com/v1/openai', keyEnv: ['DEEPINFRA_API_KEY'] },
  { name: 'perplexity', format: 'openai', defaultBaseUrl: 'https://api.perplexity.ai', keyEnv: ['PERPLEXITY_API_KEY'] },
  { name: 'ollama', format: 'openai', defaultBaseUrl: 'http://127.0.0.1:11434/v1', keyEnv: [] },
  // Any other OpenAI-compatible server (vLLM, LM Studio, a company proxy): CUSTOM_BASE_URL.
  { name: 'custom', format: 'openai', keyEnv: ['CUSTOM_API_KEY'] },
  { name: 'mock', format: 'mock', defaultBaseUrl: 'mock://switchyard', keyEnv: [] },
];

/** Other names clients use for the same provider (Helicone's registry names among them). */
export const providerAliases: Record<string, string> = {
  'google-ai-studio': 'gemini',
  google: 'gemini',
  'azure-openai': 'azure',
  grok: 'xai',
};

const byName = new Map(providerDefinitions.map((definition) => [definition.name, definition]));

export const providerNames: string[] = providerDefinitions.map((definition) => definition.name);

/** The provider's canonical name, or undefined if the name is not a provider. */
export function canonicalProviderName(name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  if (byName.has(lower)) return lower;
  return providerAliases[lower];
}

export function baseUrlEnvName(name: string): string {
  return `${name.toUpperCase()}_BASE_URL`;
}

export function keyEnvHint(name: string): string {
  const definition = byName.get(name);
  if (!definition) return '';
  if (definition.keyEnv.length === 0) return `${baseUrlEnvName(name)} (no key needed)`;
  return definition.keyEnv[0]!;
}

export interface ProviderResolution {
  /** The config to call the provider with, or undefined when it is not usable. */
  config?: ProviderConfig;
  /** Why it is not usable, as a sentence that says how to fix it. */
  unavailable?: string;
}

/** Reads one provider's configuration from the environment. */
export function resolveProvider(name: string, env: NodeJS.ProcessEnv): ProviderResolution {
  const definition = byName.get(name);
  if (!definition) return { unavailable: `unknown provider "${name}"` };
  const baseUrlVars = [baseUrlEnvName(name), ...(definition.baseUrlEnv ?? [])];
  const configuredBaseUrl = baseUrlVars.map((variable) => env[variable]).find((value) => value && value.trim());
  const baseUrl = (configuredBaseUrl ?? definition.defaultBaseUrl)?.trim().replace(/\/+$/, '');
  if (!baseUrl) {
    return { unavailable: `provider ${name} needs a base URL: set ${baseUrlVars.join(' or ')}` };
  }
  const apiKey = definition.keyEnv.map((variable) => env[variable]).find((value) => value && value.trim())?.trim();
  const keyNeeded = definition.keyEnv.length > 0 && name !== 'custom';
  if (keyNeeded && !apiKey) {
    return { unavailable: `provider ${name} has no key: set ${definition.keyEnv.join(' or ')}` };
  }
  const config: ProviderConfig = { name, format: definition.format, baseUrl, apiKey };
  if (name === 'azure') config.apiVersion = env.AZURE_API_VERSION?.trim() || '2024-10-21';
  return { config };
}

/** Resolves every provider once, at start: the hot path only reads this map. */
export function resolveProviders(env: NodeJS.ProcessEnv): Map<string, ProviderResolution> {
  return new Map(providerNames.map((name) => [name, resolveProvider(name, env)]));
}
