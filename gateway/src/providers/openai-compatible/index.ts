/**
 * OpenAI and every server that speaks its Chat Completions API (Groq, Mistral, DeepSeek, xAI,
 * OpenRouter, Together, Fireworks, DeepInfra, Perplexity, Ollama, vLLM, …). Responses pass
 * through untouched.
 */
import type { ChatCompletion, ChatCompletionChunk } from '../../contract/chat.js';
import type { ProviderAdapter } from '../types.js';
import { buildOpenAICompatibleRequest } from './build-request.js';
import { readOpenAIError } from './read-error.js';

export const openAICompatibleAdapter: ProviderAdapter = {
  format: 'openai',
  passthrough: true,
  buildRequest: buildOpenAICompatibleRequest,
  convertResponse: (body) => body as ChatCompletion,
  createStreamConverter: () => ({
    push: (event) => [JSON.parse(event.data) as ChatCompletionChunk],
    flush: () => [],
  }),
  readError: (status, text) => readOpenAIError(status, text),
};
