/**
 * OpenAI sampling and output options -> Gemini `generationConfig`. Only fields Gemini knows are
 * mapped; OpenAI-only ones (logit_bias, user, store, ...) are dropped rather than forwarded.
 */
import type { ChatRequest } from '../../contract/chat.js';
import type { GeminiGenerationConfig } from './wire-types.js';

const finiteNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

function stopSequences(stop: unknown): string[] | undefined {
  const list = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop : [];
  const sequences = list.filter((item): item is string => typeof item === 'string' && item.length > 0);
  return sequences.length > 0 ? sequences : undefined;
}

function responseFormat(format: unknown): Pick<GeminiGenerationConfig, 'responseMimeType' | 'responseJsonSchema'> {
  if (typeof format !== 'object' || format === null) return {};
  const { type, json_schema: jsonSchema } = format as { type?: unknown; json_schema?: { schema?: unknown } };
  if (type === 'json_object') return { responseMimeType: 'application/json' };
  if (type === 'json_schema') {
    // responseJsonSchema takes full JSON Schema; the older responseSchema takes only an OpenAPI subset.
    const schema = jsonSchema?.schema;
    return { responseMimeType: 'application/json', ...(schema !== undefined ? { responseJsonSchema: schema } : {}) };
  }
  return {};
}

export function convertGenerationConfig(request: ChatRequest): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {
    temperature: finiteNumber(request.temperature),
    topP: finiteNumber(request.top_p),
    maxOutputTokens: finiteNumber(request.max_completion_tokens) ?? finiteNumber(request.max_tokens),
    stopSequences: stopSequences(request.stop),
    candidateCount: finiteNumber(request.n),
    presencePenalty: finiteNumber(request.presence_penalty),
    frequencyPenalty: finiteNumber(request.frequency_penalty),
    seed: finiteNumber(request.seed),
    ...responseFormat(request.response_format),
  };
  const defined = Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
  return Object.keys(defined).length > 0 ? (defined as GeminiGenerationConfig) : undefined;
}
