/**
 * The fetch of the Agents SDK's OpenAI client. At request time it asks the SDK which span is
 * current (the SDK keeps it in its own AsyncLocalStorage: inside a model call, the generation
 * span), finds that span's path in the tracked tree, and sends the session headers with it.
 * Headers the request already has win, then the configured default headers, then the session's.
 *
 * The setup is read on every request because the SDK keeps the first OpenAI client it is given
 * (its model provider caches it): reconnecting changes what this fetch does, not the client.
 */
import { getCurrentSpan, getCurrentTrace } from '@openai/agents';
import { type SessionContext, sessionHeaders } from '../session/index.js';
import { resolveSession } from './resolve-session.js';
import type { SpanPathTracker, TraceInfo } from './span-paths.js';

export interface AgentsFetchSetup {
  tracker: SpanPathTracker;
  /** Session defaults (connectAgentsToGateway's `session`). */
  defaults: SessionContext;
  /** Headers for every call (Helicone options, HELICONE_PROPERTY_* variables). */
  defaultHeaders: Record<string, string>;
  /** The fetch that sends the request. */
  base: typeof fetch;
  /** Fields added to every JSON request body (a managed prompt's). */
  bodyFields?: Record<string, unknown>;
}

function withBodyFields(body: RequestInit['body'], fields: Record<string, unknown> | undefined): RequestInit['body'] {
  if (!fields || typeof body !== 'string') return body;
  try {
    return JSON.stringify({ ...(JSON.parse(body) as Record<string, unknown>), ...fields });
  } catch {
    return body;
  }
}

function currentTraceInfo(tracker: SpanPathTracker, spanTraceId: string | undefined): TraceInfo | undefined {
  const trace = getCurrentTrace();
  if (trace && trace.traceId !== 'no-op') return { traceId: trace.traceId, name: trace.name, groupId: trace.groupId };
  return spanTraceId ? tracker.traceInfo(spanTraceId) : undefined;
}

export function agentsFetch(setup: () => AgentsFetchSetup): typeof fetch {
  return (input, init) => {
    const { tracker, defaults, defaultHeaders, base, bodyFields } = setup();
    const span = getCurrentSpan();
    const session = resolveSession(span ? tracker.pathOf(span) : undefined, currentTraceInfo(tracker, span?.traceId), defaults);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const added = { ...(session ? sessionHeaders(session) : {}), ...defaultHeaders };
    for (const [name, value] of Object.entries(added)) {
      if (!headers.has(name)) headers.set(name, value);
    }
    return base(input, { ...init, headers, body: withBodyFields(init?.body, bodyFields) });
  };
}
