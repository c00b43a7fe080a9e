/**
 * Deterministic synthetic log records: four models on four providers, a thousand users, ten
 * requests a session along five paths, two properties, 2% errors, spread over the last 30 days.
 */
import type { LogRecord } from '../../gateway/src/log/log-record.js';

const models = [
  ['gpt-4o-mini', 'openai', 0.15, 0.6],
  ['claude-sonnet-4-5', 'anthropic', 3, 15],
  ['gemini-2.5-flash', 'gemini', 0.3, 2.5],
  ['llama-3.3-70b-versatile', 'groq', 0.59, 0.79],
] as const;
const paths = ['/agent', '/agent/search', '/agent/search/web', '/agent/answer', '/agent/tools/price'];

/** Request `i` of `total`, the newest at `now`. */
export function syntheticRequest(i: number, total: number, now: number): LogRecord {
  const [model, provider, input, output] = models[i % models.length]!;
  const prompt = 200 + (i % 1000);
  const completion = 50 + (i % 300);
  const createdAt = now - Math.floor((i / total) * 30 * 86_400_000);
  const failed = i % 50 === 0;
  return {
    requestId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    createdAt,
    responseCreatedAt: createdAt + 300 + (i % 700),
    latencyMs: 300 + (i % 700),
    timeToFirstTokenMs: 100 + (i % 200),
    status: failed ? 500 : 200,
    errorMessage: failed ? 'provider error' : null,
    provider,
    path: '/v1/chat/completions',
    targetUrl: null,
    requestModel: model,
    responseModel: model,
    responseId: null,
    modelOverride: null,
    stream: i % 3 === 0,
    usage: failed ? null : { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 0 },
    costUsd: failed ? null : (prompt * input + completion * output) / 1e6,
    userId: `user-${i % 1000}`,
    sessionId: `session-${Math.floor(i / 10)}`,
    sessionPath: paths[i % paths.length]!,
    sessionName: `Agent run ${Math.floor(i / 10) % 100}`,
    properties: { Environment: i % 4 === 0 ? 'production' : 'staging', App: `app-${i % 20}` },
    requestBody: null,
    responseBody: null,
    attempts: [],
    gatewayKeyId: null,
  };
}
