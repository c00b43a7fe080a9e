/**
 * The model registry: which models exist, which providers serve them, what they cost.
 * Public entry point; the data is in model-prices.ts, the indexes in lookups.ts, costs in cost.ts.
 */
export {
  endpointsFor,
  findEndpoint,
  findModel,
  isKnownProvider,
  knownProviders,
  listModels,
  pricingFor,
  type EndpointInfo,
  type ModelListItem,
  type ResolvedEndpoint,
} from './lookups.js';
export { computeCost, costFor, selectTier } from './cost.js';
export { PROVIDER_NAMES, type ModelEndpoint, type ModelEntry, type PricingTier, type ProviderName } from './types.js';
