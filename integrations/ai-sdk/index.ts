/**
 * Switchyard for the Vercel AI SDK (ai 6): `createSwitchyard()` returns a provider whose models
 * go through the gateway with Helicone headers from typed settings, Helicone's own
 * `extraBody.helicone` shape, and the enclosing `withSession`.
 */
export { createSwitchyard, providerName, type SwitchyardLanguageModel, type SwitchyardProvider } from './provider.js';
export type { ExtraBody, HeliconeMetadata, SwitchyardModelSettings, SwitchyardProviderOptions } from './types.js';
export { withSession } from '../session/index.js';
