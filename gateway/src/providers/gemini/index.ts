/** The Google Gemini (Generative Language API) adapter: generateContent and streamGenerateContent. */
import type { ProviderAdapter } from '../types.js';
import { buildRequest } from './build-request.js';
import { convertResponse } from './convert-response.js';
import { createStreamConverter } from './convert-stream.js';
import { readError } from './read-error.js';

export const geminiAdapter: ProviderAdapter = {
  format: 'gemini',
  buildRequest,
  convertResponse,
  createStreamConverter,
  readError,
};
