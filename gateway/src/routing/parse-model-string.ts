/**
 * Helicone's model string grammar (gateway-spec §2.3):
 *   model := entry ("," entry)*      entry := "!" provider | modelId ["/" provider ["/" deployment]]
 * Model ids may contain slashes themselves (openrouter's "meta-llama/llama-3.3-70b-instruct"),
 * so the provider is the first segment after the first that names a known provider.
 */
import { canonicalProviderName, providerNames } from '../providers/catalog.js';

export interface ModelSpec {
  /** The model as written, without provider or deployment. */
  model: string;
  /** Canonical provider name when the entry names one. */
  provider?: string;
  /** Azure deployment name. */
  deployment?: string;
  /** The entry as the client wrote it, for messages and logs. */
  raw: string;
}

export interface ParsedModelString {
  specs: ModelSpec[];
  /** Providers excluded from automatic routing with "!provider". */
  excluded: Set<string>;
}

export class ModelStringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelStringError';
  }
}

const validProviders = () => providerNames.join(', ');

function parseSpec(raw: string): ModelSpec {
  const segments = raw.split('/');
  for (let i = 1; i < segments.length; i++) {
    const provider = canonicalProviderName(segments[i]!);
    if (!provider) continue;
    const rest = segments.slice(i + 1);
    const model = segments.slice(0, i).join('/').trim();
    if (!model) throw new ModelStringError(`"${raw}" has no model before the provider; write model/provider, e.g. gpt-4o-mini/openai`);
    if (rest.length === 0) return { model, provider, raw };
    if (rest.length === 1 && provider === 'azure' && rest[0]!.trim()) return { model, provider, deployment: rest[0]!.trim(), raw };
    if (rest.length === 1) {
      throw new ModelStringError(
        `"${raw}": a deployment after the provider is only for azure (model/azure/deployment); write ${model}/${provider}`,
      );
    }
  }
  return { model: raw, raw };
}

export function parseModelString(value: string): ParsedModelString {
  const entries = value.split(',').map((entry) => entry.trim());
  const specs: ModelSpec[] = [];
  const excluded = new Set<string>();
  for (const entry of entries) {
    if (entry === '') {
      throw new ModelStringError(`model "${value}" has an empty entry; remove the extra comma`);
    }
    if (entry.startsWith('!')) {
      const name = entry.slice(1).trim();
      if (!name) throw new ModelStringError('Invalid exclusion "!": write !provider, e.g. "!openai,gpt-4o-mini"');
      const provider = canonicalProviderName(name);
      if (!provider) {
        throw new ModelStringError(`Unknown provider "${name}" in exclusion "${entry}". Valid providers: ${validProviders()}`);
      }
      excluded.add(provider);
      continue;
    }
    specs.push(parseSpec(entry));
  }
  if (specs.length === 0) {
    throw new ModelStringError(`model "${value}" has only exclusions; add a model, e.g. "${value},gpt-4o-mini"`);
  }
  return { specs, excluded };
}
