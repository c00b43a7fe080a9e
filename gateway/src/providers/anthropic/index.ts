/**
 * The Anthropic Messages adapter: OpenAI chat requests in, Anthropic /v1/messages on the wire.
 */
import type { ProviderAdapter } from '../types.js';
import { buildRequest } from './build-request.js';
import { convertResponse } from './convert-response.js';
import { createStreamConverter } from './convert-stream.js';
import { readError } from './read-error.js';

export const anthropicAdapter: ProviderAdapter = {
  format: 'anthropic',
  buildRequest,
  convertResponse,
  createStreamConverter,
  readError,
};
