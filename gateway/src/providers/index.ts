import { anthropicAdapter } from './anthropic/index.js';
import { azureAdapter } from './azure/index.js';
import { geminiAdapter } from './gemini/index.js';
import { mockAdapter } from './mock/index.js';
import { openAICompatibleAdapter } from './openai-compatible/index.js';
import type { ProviderAdapter, WireFormat } from './types.js';

const adapters: Record<WireFormat, ProviderAdapter> = {
  openai: openAICompatibleAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  azure: azureAdapter,
  mock: mockAdapter,
};

export function adapterFor(format: WireFormat): ProviderAdapter {
  return adapters[format];
}
