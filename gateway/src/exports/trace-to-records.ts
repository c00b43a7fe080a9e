/**
 * OpenLLMetry spans as logged requests (rest-api-spec §4.5, Helicone's TraceManager): each span
 * that describes a model call (it has gen_ai.* or llm.* attributes) becomes one LogRecord; other
 * spans of the trace (workflows, tasks, HTTP) are counted and skipped. Read:
 * - model: gen_ai.request.model / gen_ai.response.model (llm.* spellings too); provider from gen_ai.system;
 * - tokens: gen_ai.usage.prompt_tokens|input_tokens, completion_tokens|output_tokens, llm.usage.total_tokens;
 * - bodies: gen_ai.prompt.{i}.role/content and gen_ai.completion.{i}.role/content/finish_reason
 *   (or gen_ai.input.messages / gen_ai.output.messages as JSON), as OpenAI chat request and answer;
 * - user, session and properties from traceloop.association.properties.Helicone-* (Helicone-Property-X → X);
 * - times from the span; status 200, or 500 with the status message for an ERROR span.
 */
import { GatewayError } from '../contract/errors.js';
import type { TokenUsage } from '../contract/usage.js';
import { fieldPath } from '../contract/validation-error.js';
import type { LogRecord } from '../log/log-record.js';
import { newRequestId } from '../log/request-id.js';
import { normaliseProviderName } from '../manual-log/provider.js';
import { requestCost } from '../registry/request-cost.js';
import { scalarOf } from './otlp-attributes.js';
import type { OtelSpan, OtelTrace } from './trace-schema.js';

/** Helicone's request_path for rows made from traces. */
export const ingestedTracePath = 'async-unknown-path';

const associationPrefix = 'traceloop.association.properties.';
const propertyPrefix = 'Helicone-Property-';
const secretNames = ['helicone-auth', 'helicone-posthog-key', 'helicone-posthog-host', 'helicone-openai-api-key'];
/** Message indices past this are ignored: a bound on the bodies one span can build. */
const maxMessages = 1_000;

type Attributes = Map<string, string | number | boolean>;

interface Message {
  role?: string;
  content?: string;
  finish_reason?: string;
}

export interface TraceLogResult {
  records: LogRecord[];
  /** Spans without model-call attributes. */
  skipped: number;
}

function attributesOf(span: OtelSpan): Attributes {
  const map: Attributes = new Map();
  for (const { key, value } of span.attributes) {
    const scalar = scalarOf(value as Record<string, unknown> | undefined);
    if (scalar !== undefined) map.set(key, scalar);
  }
  return map;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null);

function first(attributes: Attributes, keys: string[]): string | number | boolean | undefined {
  for (const key of keys) if (attributes.has(key)) return attributes.get(key);
  return undefined;
}

/** Indexed messages: `<prefix>.<i>.<field>`, in index order. */
function indexedMessages(attributes: Attributes, prefixes: string[]): Message[] {
  const byIndex = new Map<number, Message>();
  for (const [key, value] of attributes) {
    const prefix = prefixes.find((candidate) => key.startsWith(`${candidate}.`));
    if (!prefix) continue;
    const match = /^(\d+)\.(role|content|finish_reason)$/.exec(key.slice(prefix.length + 1));
    if (!match || Number(match[1]) >= maxMessages) continue;
    const index = Number(match[1]);
    const message = byIndex.get(index) ?? {};
    message[match[2] as keyof Message] = String(value);
    byIndex.set(index, message);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, message]) => message);
}

/** Newer instrumentations put the messages in one JSON attribute. */
function jsonMessages(value: unknown): Message[] | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? (parsed.slice(0, maxMessages) as Message[]) : null;
  } catch {
    return null;
  }
}

const nanosToMs = (value: string | number): number => Number(BigInt(value) / 1_000_000n) + Number(BigInt(value) % 1_000_000n) / 1e6;

function isModelCall(attributes: Attributes): boolean {
  for (const key of attributes.keys()) if (key.startsWith('gen_ai.') || key.startsWith('llm.')) return true;
  return false;
}

function usageOf(attributes: Attributes): TokenUsage | null {
  const prompt = number(first(attributes, ['gen_ai.usage.prompt_tokens', 'gen_ai.usage.input_tokens', 'llm.usage.prompt_tokens']));
  const completion = number(first(attributes, ['gen_ai.usage.completion_tokens', 'gen_ai.usage.output_tokens', 'llm.usage.completion_tokens']));
  const total = number(first(attributes, ['llm.usage.total_tokens', 'gen_ai.usage.total_tokens']));
  if (prompt === null && completion === null && total === null) return null;
  return {
    promptTokens: prompt ?? 0,
    completionTokens: completion ?? 0,
    totalTokens: total ?? (prompt ?? 0) + (completion ?? 0),
    cacheReadTokens: number(first(attributes, ['gen_ai.usage.cache_read_input_tokens'])) ?? 0,
    cacheWriteTokens: number(first(attributes, ['gen_ai.usage.cache_creation_input_tokens'])) ?? 0,
    cacheWrite1hTokens: 0,
    reasoningTokens: number(first(attributes, ['gen_ai.usage.reasoning_tokens'])) ?? 0,
  };
}

/** User, session and properties from OpenLLMetry's association properties. */
function association(attributes: Attributes) {
  const properties: Record<string, string> = {};
  /** Other Helicone-* names, lowercased, with the name as sent. */
  const helicone = new Map<string, { name: string; value: string }>();
  for (const [key, value] of attributes) {
    if (!key.startsWith(associationPrefix)) continue;
    const name = key.slice(associationPrefix.length);
    const lower = name.toLowerCase();
    if (lower.startsWith(propertyPrefix.toLowerCase()) && name.length > propertyPrefix.length) properties[name.slice(propertyPrefix.length)] = String(value);
    else if (lower.startsWith('helicone-')) helicone.set(lower, { name, value: String(value) });
  }
  const take = (name: string) => {
    const entry = helicone.get(name);
    helicone.delete(name);
    return text(entry?.value);
  };
  const userId = take('helicone-user-id');
  const sessionId = take('helicone-session-id');
  const sessionPath = take('helicone-session-path');
  const sessionName = take('helicone-session-name');
  // Credentials are never stored, even when a tracer was given them as association properties.
  for (const secret of secretNames) helicone.delete(secret);
  // Any other Helicone-* name is kept as a property under its own name, as Helicone does (Helicone-Prompt-Id, …).
  for (const { name, value } of helicone.values()) properties[name] = value;
  return { userId, sessionId, sessionPath, sessionName, properties };
}

function spanToRecord(span: OtelSpan, attributes: Attributes, field: string): LogRecord {
  const start = nanosToMs(span.startTimeUnixNano);
  const end = nanosToMs(span.endTimeUnixNano);
  if (end < start) throw new GatewayError(400, 'invalid_request_error', `Invalid "${field}.endTimeUnixNano": the span ends before it starts`, `${field}.endTimeUnixNano`);

  const requestModel = text(first(attributes, ['gen_ai.request.model', 'llm.request.model']));
  const responseModel = text(first(attributes, ['gen_ai.response.model', 'llm.response.model']));
  const provider = normaliseProviderName(text(first(attributes, ['gen_ai.system', 'gen_ai.provider.name']))) ?? null;
  const usage = usageOf(attributes);
  const requestType = text(attributes.get('llm.request.type')) ?? 'chat';
  const stream = attributes.get('llm.is_streaming') === true;
  const prompts = jsonMessages(attributes.get('gen_ai.input.messages')) ?? indexedMessages(attributes, ['gen_ai.prompt', 'llm.prompts']);
  const completions = jsonMessages(attributes.get('gen_ai.output.messages')) ?? indexedMessages(attributes, ['gen_ai.completion', 'llm.completions']);
  const isError = span.status?.code === 2;
  const { userId, sessionId, sessionPath, sessionName, properties } = association(attributes);
  const user = userId ?? text(first(attributes, ['llm.user', 'user.id']));

  const optional = (name: string, keys: string[]) => {
    const value = number(first(attributes, keys));
    return value === null ? {} : { [name]: value };
  };
  const requestBody = {
    model: requestModel ?? responseModel,
    messages: prompts,
    ...optional('temperature', ['gen_ai.request.temperature', 'llm.request.temperature']),
    ...optional('top_p', ['gen_ai.request.top_p', 'llm.top_p']),
    ...optional('max_tokens', ['gen_ai.request.max_tokens', 'llm.request.max_tokens']),
    stream,
  };
  const responseId = text(attributes.get('gen_ai.response.id'));
  const responseBody = {
    id: responseId ?? `trace-${span.spanId ?? 'span'}`,
    object: requestType === 'chat' ? 'chat.completion' : requestType,
    created: Math.floor(end / 1000),
    model: responseModel ?? requestModel,
    choices: completions.map(({ finish_reason, ...message }, index) => ({ index, message: { role: message.role ?? 'assistant', content: message.content ?? null }, finish_reason: finish_reason ?? null })),
    ...(usage ? { usage: { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.totalTokens } } : {}),
  };
  const createdAt = Math.round(start);
  const latencyMs = Math.max(0, Math.round(end - start));
  return {
    requestId: newRequestId(),
    createdAt,
    responseCreatedAt: createdAt + latencyMs,
    latencyMs,
    timeToFirstTokenMs: null,
    status: isError ? 500 : 200,
    errorMessage: isError ? (span.status?.message ?? 'the span ended with an error') : null,
    provider,
    path: ingestedTracePath,
    targetUrl: null,
    requestModel,
    responseModel,
    responseId,
    modelOverride: null,
    stream,
    usage,
    costUsd: usage ? requestCost({ provider, requestModel, responseModel, modelOverride: null }, usage) : null,
    userId: user,
    sessionId,
    sessionPath,
    sessionName,
    properties,
    requestBody: JSON.stringify(requestBody),
    responseBody: JSON.stringify(responseBody),
    attempts: [],
    gatewayKeyId: null,
  };
}

/** Every model-call span of the trace as a record; throws a 400 naming the first bad span field. */
export function traceToRecords(trace: OtelTrace): TraceLogResult {
  const records: LogRecord[] = [];
  let skipped = 0;
  trace.resourceSpans.forEach((resource, r) =>
    resource.scopeSpans.forEach((scope, s) =>
      scope.spans.forEach((span, i) => {
        const attributes = attributesOf(span);
        if (!isModelCall(attributes)) {
          skipped++;
          return;
        }
        records.push(spanToRecord(span, attributes, fieldPath(['resourceSpans', r, 'scopeSpans', s, 'spans', i])));
      }),
    ),
  );
  return { records, skipped };
}
