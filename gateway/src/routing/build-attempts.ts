/**
 * Turns a parsed model string into the ordered list of attempts: explicit model/provider entries
 * in the order written, bare models expanded to every configured provider that serves them,
 * cheapest first, minus "!provider" exclusions.
 */
import { keyEnvHint, type ProviderResolution } from '../providers/catalog.js';
import type { ProviderConfig } from '../providers/types.js';
import { type EndpointInfo, endpointsFor, findModel } from '../registry/registry.js';
import { ModelStringError, type ModelSpec, type ParsedModelString, parseModelString } from './parse-model-string.js';

export interface Attempt {
  /** "model/provider", as reported in errors and logs. */
  source: string;
  provider: string;
  /** The model as the client named it (registry id for bare models). */
  model: string;
  /** The id sent to the provider (Azure: the deployment). */
  providerModel: string;
  config?: ProviderConfig;
  /** Set when the provider cannot be called (no key, no base URL): the attempt fails without a call. */
  unavailable?: string;
}

export type ProviderTable = ReadonlyMap<string, ProviderResolution>;

function explicitAttempt(spec: ModelSpec, provider: string, providers: ProviderTable): Attempt {
  const known = findModel(spec.model);
  const endpoint = known ? endpointsFor(known.id).find((candidate) => candidate.provider === provider) : undefined;
  const providerModel = spec.deployment ?? endpoint?.providerModelId ?? spec.model;
  const resolution = providers.get(provider);
  return {
    source: `${spec.model}/${provider}`,
    provider,
    model: spec.model,
    providerModel,
    config: resolution?.config,
    unavailable: resolution?.config ? undefined : (resolution?.unavailable ?? `provider ${provider} is not configured`),
  };
}

function unknownModelMessage(spec: ModelSpec): string {
  const slash = spec.model.lastIndexOf('/');
  if (slash > 0) {
    const tail = spec.model.slice(slash + 1);
    return `Unknown model "${spec.model}": "${tail}" is not a provider and no registry model has this name. Write model/provider, e.g. ${spec.model.slice(0, slash)}/openai, or see GET /v1/models`;
  }
  return `Unknown model "${spec.model}". Name its provider (e.g. ${spec.model}/openai) or use a model from GET /v1/models`;
}

/** Requests so far per model, to take turns among providers of equal cost. */
const turns = new Map<string, number>();

const headlinePrice = (endpoint: EndpointInfo) => (endpoint.pricing[0] ? endpoint.pricing[0].input + endpoint.pricing[0].output : Number.POSITIVE_INFINITY);

/**
 * Cheapest first, as endpointsFor sorts them; providers of equal cost take turns from one request
 * to the next (the rest follow in order, for failover).
 */
export function balanceEqualCosts(modelId: string, sorted: readonly EndpointInfo[]): EndpointInfo[] {
  const groups: EndpointInfo[][] = [];
  for (const endpoint of sorted) {
    const last = groups[groups.length - 1];
    if (last && headlinePrice(last[0]!) === headlinePrice(endpoint)) last.push(endpoint);
    else groups.push([endpoint]);
  }
  if (groups.every((group) => group.length === 1)) return [...sorted];
  const turn = turns.get(modelId) ?? 0;
  turns.set(modelId, turn + 1);
  return groups.flatMap((group) => {
    const start = turn % group.length;
    return [...group.slice(start), ...group.slice(0, start)];
  });
}

export function buildAttempts(parsed: ParsedModelString, providers: ProviderTable): Attempt[] {
  const attempts: Attempt[] = [];
  const seen = new Set<string>();
  const add = (attempt: Attempt) => {
    const key = `${attempt.provider}\u0000${attempt.providerModel}`;
    if (seen.has(key)) return;
    seen.add(key);
    attempts.push(attempt);
  };

  for (const spec of parsed.specs) {
    if (spec.provider) {
      add(explicitAttempt(spec, spec.provider, providers));
      continue;
    }
    const known = findModel(spec.model);
    if (!known) throw new ModelStringError(unknownModelMessage(spec));
    const endpoints = endpointsFor(known.id).filter((endpoint) => !parsed.excluded.has(endpoint.provider));
    const usable = endpoints.filter((endpoint) => providers.get(endpoint.provider)?.config);
    if (usable.length === 0 && parsed.specs.length === 1) {
      const served = endpoints.map((endpoint) => endpoint.provider);
      const hint = served.length
        ? `set ${served.map(keyEnvHint).join(' or ')}, or name a provider, e.g. ${known.id}/${served[0]}`
        : 'every provider that serves it is excluded';
      throw new ModelStringError(`No configured provider serves "${known.id}": ${hint}`);
    }
    for (const endpoint of balanceEqualCosts(known.id, usable)) {
      add({
        source: `${known.id}/${endpoint.provider}`,
        provider: endpoint.provider,
        model: known.id,
        providerModel: endpoint.providerModelId ?? known.id,
        config: providers.get(endpoint.provider)!.config,
      });
    }
  }
  if (attempts.length === 0) {
    throw new ModelStringError('No available providers for the requested models: set a provider key or name model/provider');
  }
  return attempts;
}

const fixedAttempts = new WeakMap<ProviderTable, Map<string, readonly Attempt[]>>();

/**
 * The attempts for a request's model string. A string whose every entry names its provider always
 * gives the same attempts, so they are built once per provider table and reused (frozen): parsing
 * and building them took 18 to 24 µs of a lone request's path before its call. Strings with a bare
 * model are built each time, since equal-cost providers take turns.
 */
export function attemptsFor(model: string, providers: ProviderTable): readonly Attempt[] {
  let cached = fixedAttempts.get(providers);
  if (!cached) fixedAttempts.set(providers, (cached = new Map()));
  const known = cached.get(model);
  if (known) return known;
  const parsed = parseModelString(model);
  const attempts = buildAttempts(parsed, providers);
  if (!parsed.specs.every((spec) => spec.provider)) return attempts;
  if (cached.size >= 1_000) cached.clear(); // clients choose model strings: keep it bounded
  const fixed = Object.freeze(attempts.map((attempt) => Object.freeze(attempt)));
  cached.set(model, fixed);
  return fixed;
}
