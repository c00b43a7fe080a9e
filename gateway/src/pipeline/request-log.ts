/**
 * Collects what one request's log record needs while the request runs, and turns it into a
 * LogRecord once the client has its answer: usage, response model and cost are read then.
 */
import type { ChatCompletion } from '../contract/chat.js';
import type { HeliconeRequestHeaders } from '../contract/helicone-headers.js';
import { usageFromOpenAI } from '../contract/usage.js';
import type { AttemptLog, LogRecord } from '../log/log-record.js';
import { requestCost } from '../registry/request-cost.js';

export interface Outcome {
  status: number;
  errorMessage?: string | null;
  /** The completion the client received (assembled from chunks for streams), if any. */
  completion?: ChatCompletion | null;
  /** The response body as the client received it, when it is not `completion` serialised. */
  responseText?: string | null;
}

export class RequestLog {
  readonly createdAt = Date.now();
  private readonly startedAt = performance.now();
  readonly attempts: AttemptLog[] = [];
  requestId = '';
  headers: HeliconeRequestHeaders | undefined;
  requestText: string | null = null;
  requestModel: string | null = null;
  provider: string | null = null;
  targetUrl: string | null = null;
  stream = false;
  gatewayKeyId: string | null = null;
  /** The model of the attempt that answered (registry id or as named), for pricing. */
  answeredModel: string | null = null;
  /** Answered from the response cache: logged with cost 0 and the cost it saved. */
  cacheHit = false;
  /** The managed prompt the request was expanded from, its version and inputs. */
  prompt: { id: string; versionId: string; inputs: Record<string, unknown> } | null = null;
  private firstTokenAt: number | null = null;

  constructor(readonly path: string) {}

  /** Milliseconds since the request arrived. */
  elapsedMs(): number {
    return Math.round(performance.now() - this.startedAt);
  }

  /**
   * Server-Timing for the answer's headers: time in the gateway so far (arrival until now, minus
   * the time spent waiting on providers) beside the provider's, in ms with microseconds.
   */
  serverTiming(upstreamMs: number): string {
    const gatewayMs = Math.max(0, performance.now() - this.startedAt - upstreamMs);
    return `gateway;dur=${gatewayMs.toFixed(3)};desc="time in the gateway", provider;dur=${upstreamMs.toFixed(3)}`;
  }

  markFirstToken(): void {
    this.firstTokenAt ??= this.elapsedMs();
  }

  toRecord(outcome: Outcome): LogRecord {
    const headers = this.headers;
    const completion = outcome.completion ?? null;
    const usage = usageFromOpenAI(completion?.usage);
    // Provider output is not trusted to be well-formed: only a string is a model name.
    const responseModel = typeof completion?.model === 'string' && completion.model ? completion.model : null;
    const responseId = typeof completion?.id === 'string' && completion.id ? completion.id : null;
    const modelOverride = headers?.modelOverride ?? null;
    const latencyMs = this.elapsedMs();
    let responseBody: string | null = null;
    if (!headers?.omitResponse) {
      responseBody = outcome.responseText ?? (completion ? JSON.stringify(completion) : null);
    }
    return {
      requestId: this.requestId,
      createdAt: this.createdAt,
      responseCreatedAt: this.createdAt + latencyMs,
      latencyMs,
      timeToFirstTokenMs: this.firstTokenAt,
      status: outcome.status,
      errorMessage: outcome.errorMessage ?? null,
      // A request that failed is logged with the provider it tried last.
      provider: this.provider ?? this.attempts.at(-1)?.provider ?? null,
      path: this.path,
      targetUrl: this.targetUrl,
      requestModel: this.requestModel,
      responseModel,
      responseId,
      modelOverride,
      stream: this.stream,
      usage,
      ...this.costs(usage ? requestCost({ provider: this.provider, requestModel: this.answeredModel, responseModel, modelOverride }, usage) : null),
      userId: headers?.userId ?? null,
      sessionId: headers?.sessionId ?? null,
      sessionPath: headers?.sessionPath ?? null,
      sessionName: headers?.sessionName ?? null,
      properties: headers?.properties ?? {},
      requestBody: headers?.omitRequest ? null : this.requestText,
      responseBody,
      attempts: this.attempts,
      gatewayKeyId: this.gatewayKeyId,
      promptId: this.prompt?.id ?? headers?.promptId ?? null,
      promptVersion: this.prompt?.versionId ?? null,
      // Inputs are part of the request: Helicone-Omit-Request keeps them out too.
      promptInputs: headers?.omitRequest ? null : (this.prompt?.inputs ?? null),
    };
  }

  private costs(cost: number | null): Pick<LogRecord, 'costUsd' | 'cacheHit' | 'costSavedUsd'> {
    if (!this.cacheHit) return { costUsd: cost };
    return { costUsd: 0, cacheHit: true, costSavedUsd: cost };
  }
}
