/**
 * The options of `createSwitchyard` and of each model: Switchyard's typed Helicone options, and
 * Helicone's own AI SDK provider shape (`extraBody.helicone`, `promptId`/`inputs`/`environment`),
 * so code written for `@helicone/ai-sdk-provider` works unchanged.
 */
import type { HeliconeHeaderOptions } from '../../gateway/src/client/index.js';
import type { GatewayOptions } from '../session/index.js';

/** Helicone's `extraBody.helicone`: request metadata that travels as Helicone headers. */
export interface HeliconeMetadata {
  sessionId?: string;
  /** Not in Helicone's provider (which needs raw headers for it); sent as Helicone-Session-Name. */
  sessionName?: string;
  /** Not in Helicone's provider; sent as Helicone-Session-Path. */
  sessionPath?: string;
  userId?: string;
  properties?: Record<string, string | number | boolean>;
  /** Each tag becomes the property `Tag-<tag>: true`, as Helicone's provider sends it. */
  tags?: string[];
  cache?: boolean;
}

/** Helicone's `extraBody`: `helicone` becomes headers, every other key is spread into the request body. */
export interface ExtraBody {
  helicone?: HeliconeMetadata;
  [key: string]: unknown;
}

export interface SwitchyardProviderOptions extends GatewayOptions {
  /** Raw headers for every request (Helicone's provider option); typed options are applied first. */
  headers?: Record<string, string>;
  /** Defaults for every model; a model's own `extraBody` wins key by key (and header by header). */
  extraBody?: ExtraBody;
}

/**
 * Per-model settings. A model is reused across calls, so a request id is a per-call header
 * (`generateText({ headers: { 'Helicone-Request-Id': … } })`), not a setting here.
 */
export interface SwitchyardModelSettings extends Omit<HeliconeHeaderOptions, 'requestId' | 'prompt'> {
  /** A managed prompt (Helicone's `prompt_id`); the request then carries no `messages`, as Helicone's provider sends it. */
  promptId?: string;
  /** The prompt version (`version_id`); Helicone's AI Gateway prefers `environment` when both are given. */
  versionId?: string;
  inputs?: Record<string, unknown>;
  environment?: string;
  extraBody?: ExtraBody;
}
