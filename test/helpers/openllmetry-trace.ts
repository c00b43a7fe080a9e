/**
 * A trace as OpenLLMetry (traceloop-sdk, OpenAI instrumentation) exports it over OTLP/HTTP JSON:
 * a workflow span and the chat call inside it, with gen_ai.* and llm.* attributes, association
 * properties for Helicone's user, session and custom properties, int64 values as strings.
 */
export interface TraceOptions {
  startNs?: bigint;
  sessionId?: string;
  marker?: string;
}

const s = (key: string, value: string) => ({ key, value: { stringValue: value } });
const i = (key: string, value: number) => ({ key, value: { intValue: String(value) } });

export function openLLMetryTrace({ startNs = 1_735_787_045_000_000_000n, sessionId = 'trace-session-1', marker = 'marker' }: TraceOptions = {}) {
  const traceId = '5b8efff798038103d269b633813fc60c';
  const association = (name: string, value: string) => s(`traceloop.association.properties.${name}`, value);
  return {
    resourceSpans: [
      {
        resource: { attributes: [s('service.name', 'support-bot'), s('telemetry.sdk.language', 'python'), s('telemetry.sdk.name', 'opentelemetry')], droppedAttributesCount: 0 },
        scopeSpans: [
          {
            scope: { name: 'opentelemetry.instrumentation.openai.v1', version: '0.40.7' },
            spans: [
              {
                traceId,
                spanId: 'eee19b7ec3c1b174',
                parentSpanId: 'eee19b7ec3c1b173',
                name: 'openai.chat',
                kind: 3,
                startTimeUnixNano: String(startNs),
                endTimeUnixNano: String(startNs + 850_000_000n),
                attributes: [
                  s('llm.request.type', 'chat'),
                  s('gen_ai.system', 'OpenAI'),
                  s('gen_ai.request.model', 'gpt-4o-mini'),
                  { key: 'gen_ai.request.temperature', value: { doubleValue: 0.2 } },
                  i('gen_ai.request.max_tokens', 256),
                  s('llm.headers', 'None'),
                  { key: 'llm.is_streaming', value: { boolValue: false } },
                  s('gen_ai.openai.api_base', 'https://api.openai.com/v1/'),
                  s('gen_ai.response.model', 'gpt-4o-mini-2024-07-18'),
                  s('gen_ai.response.id', 'chatcmpl-AqLm1'),
                  i('llm.usage.total_tokens', 42),
                  i('gen_ai.usage.completion_tokens', 12),
                  i('gen_ai.usage.prompt_tokens', 30),
                  s('gen_ai.prompt.0.role', 'system'),
                  s('gen_ai.prompt.0.content', 'You are a helpful assistant.'),
                  s('gen_ai.prompt.1.role', 'user'),
                  s('gen_ai.prompt.1.content', `Where was the 2020 World Series played? ${marker}`),
                  s('gen_ai.completion.0.finish_reason', 'stop'),
                  s('gen_ai.completion.0.role', 'assistant'),
                  s('gen_ai.completion.0.content', 'Globe Life Field in Arlington, Texas.'),
                  association('Helicone-User-Id', 'trace-user@example.com'),
                  association('Helicone-Session-Id', sessionId),
                  association('Helicone-Session-Path', '/support/answer'),
                  association('Helicone-Property-App', 'support-bot'),
                  association('Helicone-Prompt-Id', 'world-series'),
                ],
                droppedAttributesCount: 0,
                events: [],
                droppedEventsCount: 0,
                status: { code: 0 },
                links: [],
                droppedLinksCount: 0,
              },
              {
                traceId,
                spanId: 'eee19b7ec3c1b173',
                name: 'answer_question.workflow',
                kind: 1,
                startTimeUnixNano: String(startNs - 10_000_000n),
                endTimeUnixNano: String(startNs + 900_000_000n),
                attributes: [s('traceloop.span.kind', 'workflow'), s('traceloop.entity.name', 'answer_question')],
                droppedAttributesCount: 0,
                events: [],
                droppedEventsCount: 0,
                status: { code: 0 },
                links: [],
                droppedLinksCount: 0,
              },
            ],
          },
        ],
      },
    ],
  };
}
