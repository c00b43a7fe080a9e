/**
 * The tracing processor that turns the SDK's trace into session paths: it keeps the span tree of
 * each running trace (SpanPathTracker, read by the client's fetch) and logs each finished
 * function span as a tool event at its path. A trace ends only after its tool events are
 * written, so `await run(...)` returns with everything logged. Logging never fails a run: an
 * error is reported once on stderr (console.warn) and the run goes on. Nothing is exported
 * anywhere else.
 */
import type { FunctionSpanData, Span, SpanData, Trace, TracingProcessor } from '@openai/agents';
import type { GatewayClient } from '../../gateway/src/client/index.js';
import { mergeHeaders } from '../../gateway/src/client/index.js';
import { type SessionContext, sessionHeaders } from '../session/index.js';
import { resolveSession } from './resolve-session.js';
import type { SpanPathTracker } from './span-paths.js';
import { toolEventPayload } from './tool-event.js';

export interface GatewayTraceProcessorOptions {
  tracker: SpanPathTracker;
  /** Session defaults (connectAgentsToGateway's `session`). */
  defaults: SessionContext;
  /** Where tool events are logged; none: tools are not logged. */
  logClient?: GatewayClient;
  /** Headers every call sends (the client's defaultHeaders); they win over session headers, as on model calls. */
  defaultHeaders?: Record<string, string>;
}

export class GatewayTraceProcessor implements TracingProcessor {
  readonly #pending = new Map<string, Set<Promise<void>>>();
  #warned = false;

  constructor(private readonly options: GatewayTraceProcessorOptions) {}

  async onTraceStart(trace: Trace): Promise<void> {
    this.options.tracker.startTrace(trace);
  }

  async onTraceEnd(trace: Trace): Promise<void> {
    await this.#settle(trace.traceId);
    this.options.tracker.endTrace(trace.traceId);
  }

  async onSpanStart(span: Span<SpanData>): Promise<void> {
    this.options.tracker.pathOf(span);
  }

  async onSpanEnd(span: Span<SpanData>): Promise<void> {
    this.options.tracker.endSpan(span);
    if (span.spanData.type === 'function' && this.options.logClient) this.#logTool(span as Span<FunctionSpanData>, this.options.logClient);
  }

  /** Waits for every tool event still being written. */
  async forceFlush(): Promise<void> {
    await Promise.all([...this.#pending.keys()].map((traceId) => this.#settle(traceId)));
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
  }

  #logTool(span: Span<FunctionSpanData>, client: GatewayClient): void {
    // Resolved now, synchronously: the enclosing session is the one of the code that ended the span.
    const { tracker, defaults, defaultHeaders } = this.options;
    const session = resolveSession(tracker.pathOf(span), tracker.traceInfo(span.traceId), defaults);
    if (!session) return;
    const extraHeaders = mergeHeaders(sessionHeaders(session), defaultHeaders);
    let pending = this.#pending.get(span.traceId);
    if (!pending) this.#pending.set(span.traceId, (pending = new Set()));
    const inFlight = pending;
    const logged: Promise<void> = client
      .logManual(toolEventPayload(span), { extraHeaders })
      .then(
        () => undefined,
        (error: unknown) => this.#warn(error),
      )
      .finally(() => inFlight.delete(logged));
    inFlight.add(logged);
  }

  async #settle(traceId: string): Promise<void> {
    const pending = this.#pending.get(traceId);
    if (!pending) return;
    while (pending.size > 0) await Promise.all([...pending]);
    this.#pending.delete(traceId);
  }

  #warn(error: unknown): void {
    if (this.#warned) return;
    this.#warned = true;
    console.warn(`switchyard: could not log an agent tool call to the gateway (further failures are not reported): ${error instanceof Error ? error.message : String(error)}`);
  }
}
