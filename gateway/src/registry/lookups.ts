/**
 * Implementation of the registry lookups (import them from registry.ts, the public entry point).
 * Typed lookups over the model registry data (model-prices.ts). Everything is indexed into Maps once,
 * at import; per-request lookups are Map gets (plus a few suffix strips for dated snapshot names).
 * All names are matched case-insensitively. The data is deep-frozen: do not mutate what is returned.
 */
import { MODELS } from './model-prices.js';
import { PROVIDER_NAMES, type ModelEndpoint, type ModelEntry, type PricingTier, type ProviderName } from './types.js';

/** One item of `GET /v1/models`. */
export interface ModelListItem {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

/** One provider serving a model, as returned by endpointsFor(). */
export interface EndpointInfo {
  provider: ProviderName;
  /** The name to send to the provider (its providerModelId, else the canonical id). */
  providerModelId: string;
  pricing: readonly PricingTier[];
}

/** A (provider, model name) pair resolved to the registry entry and the provider's endpoint. */
export interface ResolvedEndpoint {
  model: ModelEntry;
  provider: ProviderName;
  providerModelId: string;
  pricing: readonly PricingTier[];
}

/**
 * Every provider name the gateway knows (for validating `model/provider` strings). All of them
 * appear in the data except `ollama`, which serves local models and has no price list.
 */
export const knownProviders: readonly ProviderName[] = PROVIDER_NAMES;

const providerSet: ReadonlySet<string> = new Set(PROVIDER_NAMES);

/** Whether `name` is exactly one of the provider names (they are all lowercase). */
export function isKnownProvider(name: string): name is ProviderName {
  return providerSet.has(name);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const key = (name: string): string => name.trim().toLowerCase();

/** First tier's input + output price: the sort key for "cheapest first". */
const headlinePrice = (tiers: readonly PricingTier[]): number =>
  tiers.length > 0 ? tiers[0]!.input + tiers[0]!.output : Number.POSITIVE_INFINITY;

// ── Indexes, built once ──────────────────────────────────────────────────────────────────────────
const modelsByName = new Map<string, ModelEntry>();
const endpointsByModel = new Map<ModelEntry, readonly EndpointInfo[]>();
const endpointsByProvider = new Map<string, Map<string, ResolvedEndpoint>>();
const modelList: readonly ModelListItem[] = buildIndexes();

function buildIndexes(): readonly ModelListItem[] {
  const list: ModelListItem[] = [];
  for (const model of deepFreeze(MODELS)) {
    for (const name of [model.id, ...(model.aliases ?? [])]) {
      if (!modelsByName.has(key(name))) modelsByName.set(key(name), model);
    }
    list.push(Object.freeze({ id: model.id, object: 'model' as const, created: model.created, owned_by: model.author }));

    const infos: EndpointInfo[] = [];
    for (const [provider, endpoint] of Object.entries(model.endpoints) as [ProviderName, ModelEndpoint | undefined][]) {
      if (!endpoint) continue;
      const providerModelId = endpoint.providerModelId ?? model.id;
      infos.push(Object.freeze({ provider, providerModelId, pricing: endpoint.pricing }));

      let byName = endpointsByProvider.get(provider);
      if (!byName) endpointsByProvider.set(provider, (byName = new Map()));
      const resolved: ResolvedEndpoint = Object.freeze({ model, provider, providerModelId, pricing: endpoint.pricing });
      // The provider's own id wins over names other entries might share; first entry wins otherwise.
      for (const name of [providerModelId, model.id, ...(model.aliases ?? [])]) {
        if (!byName.has(key(name))) byName.set(key(name), resolved);
      }
    }
    // Array.prototype.sort is stable: equal prices keep the data's order.
    infos.sort((a, b) => headlinePrice(a.pricing) - headlinePrice(b.pricing));
    endpointsByModel.set(model, Object.freeze(infos));
  }
  return Object.freeze(list);
}

/**
 * Dated/versioned suffixes providers append to a model name: `-2024-07-18` (OpenAI), `-20250929`
 * (Anthropic), `-001` (Gemini), `-2506`/`-0709` (Mistral, xAI), `-latest`.
 */
const SNAPSHOT_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8}|\d{3,4}|latest)$/;

/** The name with snapshot suffixes stripped one at a time, e.g. `x-2024-07-18` -> `x`. */
function strippedNames(name: string): string[] {
  const out: string[] = [];
  let current = name;
  for (let i = 0; i < 3; i++) {
    const match = SNAPSHOT_SUFFIX.exec(current);
    if (!match || match.index === 0) break;
    current = current.slice(0, match.index);
    out.push(current);
  }
  return out;
}

// ── Public lookups ──────────────────────────────────────────────────────────────────────────────

/** The model whose canonical id or alias is `idOrAlias` (case-insensitive), or undefined. */
export function findModel(idOrAlias: string): ModelEntry | undefined {
  return modelsByName.get(key(idOrAlias));
}

/** All models, in data order, shaped for `GET /v1/models` (`data`). */
export function listModels(): ModelListItem[] {
  return [...modelList];
}

/**
 * The providers serving a model (by id or alias), cheapest first by the first tier's input + output
 * price; ties keep data order. Empty when the model is unknown.
 */
export function endpointsFor(modelId: string): readonly EndpointInfo[] {
  const model = findModel(modelId);
  return model ? (endpointsByModel.get(model) ?? []) : [];
}

/**
 * Resolves a (provider, model name) pair. The name may be the canonical id, an alias, the provider's
 * providerModelId, or a dated snapshot of any of those as returned in a response body
 * (`gpt-4o-mini-2024-07-18` prices as `gpt-4o-mini`). Undefined when unknown.
 */
export function findEndpoint(provider: string, modelName: string): ResolvedEndpoint | undefined {
  const byName = endpointsByProvider.get(key(provider));
  if (!byName) return undefined;
  const name = key(modelName);
  const exact = byName.get(name);
  if (exact) return exact;
  for (const candidate of strippedNames(name)) {
    const found = byName.get(candidate);
    if (found) return found;
  }
  return undefined;
}

/** Price tiers (USD per 1M tokens) for a (provider, model name) pair; see findEndpoint. */
export function pricingFor(provider: string, modelName: string): readonly PricingTier[] | undefined {
  return findEndpoint(provider, modelName)?.pricing;
}
