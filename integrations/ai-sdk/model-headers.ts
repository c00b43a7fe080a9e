/**
 * The headers of one model, lowest precedence first: the provider's typed options and
 * environment (gatewayConfig), its raw `headers`, its `extraBody.helicone`, then the model's
 * `extraBody.helicone` and its typed settings. Per-call headers (`generateText({ headers })`)
 * are applied later by the AI SDK and win over all of these.
 */
import { heliconeHeaders, mergeHeaders } from '../../gateway/src/client/index.js';
import { heliconeMetadataHeaders } from './helicone-metadata.js';
import type { SwitchyardModelSettings, SwitchyardProviderOptions } from './types.js';

export function modelHeaders(
  providerHeaders: Record<string, string>,
  provider: SwitchyardProviderOptions,
  settings: SwitchyardModelSettings,
): Record<string, string> {
  const { promptId: _promptId, versionId: _versionId, inputs: _inputs, environment: _environment, extraBody, ...headerOptions } = settings;
  return mergeHeaders(
    providerHeaders,
    provider.headers,
    heliconeMetadataHeaders(provider.extraBody?.helicone),
    heliconeMetadataHeaders(extraBody?.helicone),
    heliconeHeaders(headerOptions),
  );
}
