/**
 * The SDK's span tree of each running trace, as session paths relative to the run:
 *
 *   agent "Triage"                   → /Triage
 *     turn, generation, response     → /Triage              (a model call carries its agent's path)
 *     function "lookup"              → /Triage/tool/lookup
 *     handoff → "Billing"            → (recorded; the next "Billing" agent span nests under /Triage)
 *   agent "Billing" (after handoff)  → /Triage/Billing
 *   agent-as-tool run inside a tool  → /Triage/tool/ask_expert/Expert
 *
 * Task, turn, generation, response, custom, MCP and speech spans add no segment; guardrail spans
 * add guardrail/<name>. Spans are registered on start, or lazily when first asked about (a fetch
 * may ask before the processor has seen the span), so the answer never depends on event order.
 * Everything about a trace is forgotten when it ends; at most `maxTraces` are kept in case a
 * trace never ends (the SDK does not end a trace whose run threw).
 */
import type { Span, SpanData, Trace } from '@openai/agents';
import { joinPath } from '../session/index.js';
import { pathSegment } from '../session/path-segment.js';

type AnySpan = Span<SpanData>;

/** What the tracker needs of a trace to name a session after it. */
export interface TraceInfo {
  traceId: string;
  name: string;
  groupId: string | null;
}

interface TraceEntry {
  /** The SDK's Trace object, read when needed (its name and group may change after start). */
  trace?: Trace;
  spanIds: Set<string>;
  /** A handoff that has ended, whose target agent has not started yet. */
  pendingHandoff?: { toAgent: string; fromPath: string };
}

/** The SDK's id of disabled traces and spans. */
const noopId = 'no-op';

export class SpanPathTracker {
  readonly #spans = new Map<string, { traceId: string; path: string }>();
  readonly #traces = new Map<string, TraceEntry>();

  constructor(private readonly maxTraces = 1000) {}

  startTrace(trace: Trace): void {
    if (trace.traceId === noopId) return;
    this.#entry(trace.traceId).trace = trace;
  }

  endTrace(traceId: string): void {
    const entry = this.#traces.get(traceId);
    if (!entry) return;
    for (const spanId of entry.spanIds) this.#spans.delete(spanId);
    this.#traces.delete(traceId);
  }

  /** The trace's id, name and group, or just its id when its start was not seen. */
  traceInfo(traceId: string): TraceInfo | undefined {
    if (traceId === noopId) return undefined;
    const trace = this.#traces.get(traceId)?.trace;
    return trace ? { traceId: trace.traceId, name: trace.name, groupId: trace.groupId } : { traceId, name: 'Agent workflow', groupId: null };
  }

  /** The span's path relative to the run, registering it (and its place in the tree) if new. */
  pathOf(span: AnySpan): string | undefined {
    if (span.spanId === noopId || span.traceId === noopId) return undefined;
    const known = this.#spans.get(span.spanId);
    if (known) return known.path;
    const entry = this.#entry(span.traceId);
    const parentPath = (span.parentId ? this.#spans.get(span.parentId)?.path : undefined) ?? '/';
    const path = this.#pathFor(span.spanData, parentPath, entry);
    this.#spans.set(span.spanId, { traceId: span.traceId, path });
    entry.spanIds.add(span.spanId);
    return path;
  }

  /** On a span's end: a finished handoff decides where its target agent goes. */
  endSpan(span: AnySpan): void {
    const data = span.spanData;
    if (data.type !== 'handoff' || !data.to_agent) return;
    const fromPath = this.pathOf(span);
    if (fromPath !== undefined) this.#entry(span.traceId).pendingHandoff = { toAgent: data.to_agent, fromPath };
  }

  #pathFor(data: SpanData, parentPath: string, entry: TraceEntry): string {
    switch (data.type) {
      case 'agent': {
        const handoff = entry.pendingHandoff;
        let base = parentPath;
        if (handoff && handoff.toAgent === data.name) {
          base = handoff.fromPath;
          entry.pendingHandoff = undefined;
        }
        return joinPath(base, pathSegment(data.name, 'agent'));
      }
      case 'function':
        return joinPath(parentPath, `tool/${pathSegment(data.name, 'function')}`);
      case 'guardrail':
        return joinPath(parentPath, `guardrail/${pathSegment(data.name, 'guardrail')}`);
      default:
        return parentPath;
    }
  }

  #entry(traceId: string): TraceEntry {
    let entry = this.#traces.get(traceId);
    if (!entry) {
      entry = { spanIds: new Set() };
      this.#traces.set(traceId, entry);
      if (this.#traces.size > this.maxTraces) this.endTrace(this.#traces.keys().next().value!);
    }
    return entry;
  }
}
