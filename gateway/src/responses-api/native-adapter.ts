/**
 * OpenAI's own Responses API as an attempt's provider: the client's body goes to `/responses`
 * as it came, only the model replaced by the attempt's, and the answer comes back as it is. The
 * reading functions here only feed the log (usage, model, finish reason).
 */
import { readOpenAIError } from '../providers/openai-compatible/read-error.js';
import type { ProviderAdapter } from '../providers/types.js';
import { readResponse } from './read-response.js';
import { ResponsesStreamReader } from './read-stream.js';

export function responsesNativeAdapter(body: Record<string, unknown>): ProviderAdapter {
  return {
    format: 'openai',
    buildRequest(ctx) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (ctx.provider.apiKey) headers.authorization = `Bearer ${ctx.provider.apiKey}`;
      return { url: `${ctx.provider.baseUrl}/responses`, headers, body: JSON.stringify({ ...body, model: ctx.model }) };
    },
    convertResponse: (response) => readResponse(response),
    createStreamConverter: () => new ResponsesStreamReader(),
    readError: (status, text) => readOpenAIError(status, text),
  };
}
