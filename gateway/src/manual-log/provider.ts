/**
 * Which provider served a manually logged request, from the hints the payload carries, first
 * match wins:
 * 1. the body's `provider` field (the SDK's `logRequest(..., provider)`; Helicone names such as
 *    "OPENAI", "ANTHROPIC", "GOOGLE" are accepted);
 * 2. the host of `providerRequest.url`, when it is a provider's URL;
 * 3. a `Helicone-Provider` / `Helicone-Target-Provider` header or meta key;
 * 4. the logging path: the SDK posts to `/oai/v1/log`, `/anthropic/v1/log` or `/googleapis/v1/log`
 *    when given a provider.
 * Names are returned as the gateway spells providers (lowercase, `gemini` for Google). A name the
 * gateway does not know is kept, lowercased; with no hint at all the provider is null.
 */
import { canonicalProviderName } from '../providers/catalog.js';

/** Helicone's provider names that differ from the gateway's. */
const heliconeNames: Record<string, string> = {
  x: 'xai',
  googleapis: 'gemini',
  oai: 'openai',
};

/** Host patterns, in order (Azure's host contains "openai", so it comes first). */
const hostPatterns: Array<[RegExp, string]> = [
  [/(^|\.)openai\.azure\.com$|azure/, 'azure'],
  [/(^|\.)oai\.(helicone\.ai|hconeai\.com)$/, 'openai'],
  [/anthropic/, 'anthropic'],
  [/googleapis|generativelanguage/, 'gemini'],
  [/openrouter/, 'openrouter'],
  [/openai/, 'openai'],
  [/groq/, 'groq'],
  [/mistral/, 'mistral'],
  [/deepseek/, 'deepseek'],
  [/(^|\.)x\.ai$/, 'xai'],
  [/together/, 'together'],
  [/fireworks/, 'fireworks'],
  [/deepinfra/, 'deepinfra'],
  [/perplexity/, 'perplexity'],
  [/ollama/, 'ollama'],
];

const logPathProviders: Array<[RegExp, string]> = [
  [/\/oai\/v1\/log\/?$/, 'openai'],
  [/\/anthropic\/v1\/log\/?$/, 'anthropic'],
  [/\/googleapis\/v1\/log\/?$/, 'gemini'],
];

/** A provider name as the gateway spells it, or undefined for an empty name. */
export function normaliseProviderName(name: string | null | undefined): string | undefined {
  const lower = name?.trim().toLowerCase();
  if (!lower) return undefined;
  return canonicalProviderName(lower) ?? heliconeNames[lower] ?? lower;
}

/** The provider whose API a URL points at, or undefined (also for non-URLs like "custom-model-nopath"). */
export function providerFromUrl(url: string | null | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const host = parsed.hostname.toLowerCase();
  for (const [pattern, provider] of hostPatterns) if (pattern.test(host)) return provider;
  if (parsed.port === '11434') return 'ollama';
  return undefined;
}

export function providerFromLogPath(path: string): string | undefined {
  const pathname = path.split('?')[0]!;
  for (const [pattern, provider] of logPathProviders) if (pattern.test(pathname)) return provider;
  return undefined;
}

export interface ProviderHints {
  /** The body's top-level `provider`. */
  bodyProvider?: string | null;
  /** `providerRequest.url`. */
  url?: string | null;
  /** A Helicone-Provider / Helicone-Target-Provider header or meta value. */
  headerProvider?: string | null;
  /** The path the log was posted to. */
  path: string;
}

export function detectProvider(hints: ProviderHints): string | null {
  return (
    normaliseProviderName(hints.bodyProvider) ??
    providerFromUrl(hints.url) ??
    normaliseProviderName(hints.headerProvider) ??
    providerFromLogPath(hints.path) ??
    null
  );
}
