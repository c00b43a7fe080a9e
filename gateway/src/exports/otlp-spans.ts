/**
 * Logged requests as OpenTelemetry GenAI spans (semantic conventions for generative AI: client
 * spans named "{operation} {model}", gen_ai.* attributes, status ERROR on failures), in one OTLP
 * ExportTraceServiceRequest. The trace id is the request id's 32 hex digits, so a span can be
 * found in the gateway's log and back. Bodies are not exported: the conventions make content
 * opt-in, and the gateway's log already holds it.
 */
import { createHash } from 'node:crypto';
import type { LogRecord } from '../log/log-record.js';
import { attribute, type KeyValue } from './otlp-attributes.js';

/** The gateway's provider names, as the conventions' gen_ai.system values (others pass as they are). */
const systemNames: Record<string, string> = {
  gemini: 'gcp.gemini',
  azure: 'az.ai.openai',
  xai: 'xai',
  mistral: 'mistral_ai',
  deepseek: 'deepseek',
};

/** SPAN_KIND_CLIENT: the gateway calls the model on the client's behalf. */
const clientKind = 3;
const statusError = 2;

export const scopeName = 'switchyard';

const nanos = (ms: number): string => (BigInt(Math.round(ms)) * 1_000_000n).toString();

function isError(record: LogRecord): boolean {
  return record.status < 200 || record.status >= 400;
}

export type OtlpSpan = Record<string, unknown>;

export function spanOf(record: LogRecord): OtlpSpan {
  const model = record.responseModel ?? record.requestModel ?? record.modelOverride;
  const system = record.provider ? (systemNames[record.provider] ?? record.provider) : null;
  const usage = record.usage;
  const attributes: KeyValue[] = [
    ...attribute('gen_ai.operation.name', 'chat'),
    ...attribute('gen_ai.system', system),
    ...attribute('gen_ai.provider.name', system),
    ...attribute('gen_ai.request.model', record.modelOverride ?? record.requestModel),
    ...attribute('gen_ai.response.model', record.responseModel),
    ...attribute('gen_ai.response.id', record.responseId),
    ...attribute('gen_ai.usage.input_tokens', usage?.promptTokens),
    ...attribute('gen_ai.usage.output_tokens', usage?.completionTokens),
    ...(usage?.cacheReadTokens ? attribute('gen_ai.usage.cache_read_input_tokens', usage.cacheReadTokens) : []),
    ...attribute('http.response.status_code', record.status),
    ...(isError(record) ? attribute('error.type', record.status > 0 ? String(record.status) : record.status === -3 ? 'cancelled' : 'network') : []),
    ...attribute('session.id', record.sessionId),
    ...attribute('user.id', record.userId),
    ...attribute('helicone.request_id', record.requestId),
    ...attribute('helicone.session.path', record.sessionPath),
    ...attribute('helicone.session.name', record.sessionName),
    ...attribute('helicone.cost_usd', record.costUsd),
    ...attribute('helicone.cache_hit', record.cacheHit ?? false),
    ...attribute('helicone.stream', record.stream),
    ...attribute('url.path', record.path),
    ...Object.entries(record.properties).flatMap(([key, value]) => attribute(`helicone.property.${key}`, value)),
  ];
  return {
    traceId: record.requestId.replaceAll('-', ''),
    spanId: createHash('sha256').update(record.requestId).digest('hex').slice(0, 16),
    name: model ? `chat ${model}` : 'chat',
    kind: clientKind,
    startTimeUnixNano: nanos(record.createdAt),
    endTimeUnixNano: nanos(record.responseCreatedAt),
    attributes,
    status: isError(record) ? { code: statusError, message: (record.errorMessage ?? `HTTP ${record.status}`).slice(0, 1_000) } : {},
  };
}

/** One ExportTraceServiceRequest for the spans: one resource (this gateway), one scope. */
export function traceRequestOf(spans: readonly OtlpSpan[], serviceName: string, version?: string): string {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [...attribute('service.name', serviceName), ...attribute('telemetry.sdk.name', 'switchyard'), ...attribute('telemetry.sdk.language', 'nodejs')] },
        scopeSpans: [{ scope: { name: scopeName, ...(version ? { version } : {}) }, spans }],
      },
    ],
  });
}
