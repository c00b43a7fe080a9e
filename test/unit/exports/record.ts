/** A logged request for the exports' unit tests. */
import type { LogRecord } from '../../../gateway/src/log/log-record.js';

export function sampleRecord(overrides: Partial<LogRecord> = {}): LogRecord {
  return {
    requestId: '0190a2b4-1c2d-7e3f-8a4b-5c6d7e8f9a0b',
    createdAt: Date.UTC(2025, 0, 2, 3, 4, 5),
    responseCreatedAt: Date.UTC(2025, 0, 2, 3, 4, 5) + 1_250,
    latencyMs: 1_250,
    timeToFirstTokenMs: 300,
    status: 200,
    errorMessage: null,
    provider: 'openai',
    path: '/v1/chat/completions',
    targetUrl: null,
    requestModel: 'gpt-4o-mini',
    responseModel: 'gpt-4o-mini-2024-07-18',
    responseId: 'chatcmpl-1',
    modelOverride: null,
    stream: false,
    usage: { promptTokens: 12, completionTokens: 5, totalTokens: 17, cacheReadTokens: 0, cacheWriteTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 0 },
    costUsd: 0.0000048,
    userId: 'alice@example.com',
    sessionId: 'session-1',
    sessionPath: '/chat',
    sessionName: 'Chat',
    properties: { Environment: 'prod', 'Helicone-Sent-To-Posthog': 'true' },
    requestBody: JSON.stringify({ model: 'gpt-4o-mini', temperature: 0.7, messages: [{ role: 'user', content: 'Hello' }] }),
    responseBody: JSON.stringify({ id: 'chatcmpl-1', choices: [{ message: { role: 'assistant', content: 'Hi!' } }] }),
    attempts: [],
    gatewayKeyId: null,
    ...overrides,
  };
}
