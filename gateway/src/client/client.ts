/**
 * The typed client of the gateway and its query API, for Switchyard or Helicone alike: chat
 * (plain, streamed, or streamed and assembled), the model list, request, session, user, property
 * and metrics queries, annotations, manual logging and a health check.
 */
import type { z } from 'zod';
import type { ChatCompletion, ChatCompletionChunk, ChatRequest } from '../contract/chat.js';
import type {
  metricsQuerySchema,
  requestQuerySchema,
  sessionMetricsQuerySchema,
  sessionQuerySchema,
  userMetricsQuerySchema,
  userQuerySchema,
} from '../contract/query-api.js';
import { assembleCompletion } from '../log/assemble-completion.js';
import type { Dataset } from '../datasets/dataset-store.js';
import type { EvalQueryInput } from '../evals/eval-schemas.js';
import type { Eval } from '../evals/eval-summary.js';
import type { ScoreDistribution } from '../evals/score-distribution.js';
import type { MetricsRow } from '../query/metrics.js';
import type { HeliconeRequestRow } from '../query/request-rows.js';
import type { SessionTrace } from '../query/session-trace.js';
import type { SessionMetrics, SessionResult } from '../query/sessions.js';
import type { UserMetricsResult, UserTotals } from '../query/users.js';
import type { ModelListItem } from '../registry/registry.js';
import { defaultBaseUrl, defaultTimeoutMs, type GatewayClientOptions, normalizeBaseUrl } from './config.js';
import { GatewayClientError } from './errors.js';
import { heliconeHeaderNames, type HeliconeHeaderOptions, heliconeHeaders, mergeHeaders } from './headers.js';
import { displayUrl, type HttpCall, HttpClient, type HttpMethod, unwrapEnvelope } from './http.js';
import { readChatStream } from './streaming.js';

export interface CallOptions extends HeliconeHeaderOptions {
  signal?: AbortSignal;
  /** Headers for this call only, over everything else. */
  extraHeaders?: Record<string, string>;
}

export type RequestQueryInput = z.input<typeof requestQuerySchema>;
export type SessionQueryInput = z.input<typeof sessionQuerySchema>;
export type SessionMetricsQueryInput = z.input<typeof sessionMetricsQuerySchema>;
export type UserQueryInput = z.input<typeof userQuerySchema>;
export type UserMetricsQueryInput = z.input<typeof userMetricsQuerySchema>;
export type MetricsQueryInput = z.input<typeof metricsQuerySchema>;

const healthTimeoutMs = 10_000;
const absoluteUrl = /^https?:\/\//i;

const segment = (value: string): string => encodeURIComponent(value);

/** One version of a stored prompt (Helicone's Prompt2025Version). */
export interface PromptVersion {
  id: string;
  prompt_id: string;
  model: string;
  major_version: number;
  minor_version: number;
  commit_message?: string;
  environment?: string;
  created_at?: string;
  /** Where the version's body (a chat-completion request) is stored. */
  s3_url?: string;
}

export class GatewayClient {
  readonly baseUrl: string;
  readonly gatewayBaseUrl: string;
  private readonly http: HttpClient;
  private readonly timeoutMs: number;
  /** Content type, authorization and the default headers, merged once. */
  private readonly baseHeaders: Record<string, string>;

  constructor(options: GatewayClientOptions = {}) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl ?? defaultBaseUrl);
    this.gatewayBaseUrl = options.gatewayBaseUrl ? normalizeBaseUrl(options.gatewayBaseUrl) : this.baseUrl;
    const fetchImpl = options.fetch ?? ((input: string | URL | Request, init?: RequestInit) => globalThis.fetch(input, init));
    this.http = new HttpClient(fetchImpl);
    if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
      throw new TypeError(`timeoutMs must be a positive number of milliseconds, got ${options.timeoutMs}`);
    }
    this.timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    this.baseHeaders = mergeHeaders(
      { 'content-type': 'application/json' },
      options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : undefined,
      options.headers,
    );
  }

  // ── chat ─────────────────────────────────────────────────────────────────────────────────────

  /** POST {gatewayBaseUrl}/v1/chat/completions with stream false; requestId from the Helicone-Id response header. */
  async chat(body: ChatRequest, options: CallOptions = {}): Promise<{ completion: ChatCompletion; requestId: string | null }> {
    const { stream_options: _streamOptions, ...rest } = body;
    const call = this.chatCall({ ...rest, stream: false }, options);
    const open = await this.http.open(call);
    const completion = (await this.http.json(open)) as ChatCompletion;
    return { completion, requestId: open.response.headers.get(heliconeHeaderNames.id) };
  }

  /** The same call with stream true: chunks as they arrive, up to [DONE]; an error event throws. */
  async chatStream(body: ChatRequest, options: CallOptions = {}): Promise<{ requestId: string | null; chunks: AsyncIterable<ChatCompletionChunk> }> {
    const open = await this.http.open(this.chatCall({ ...body, stream: true }, options));
    return { requestId: open.response.headers.get(heliconeHeaderNames.id), chunks: readChatStream(open) };
  }

  /** Streams, and assembles the chunks into one chat.completion (asking for the usage chunk unless told otherwise). */
  async chatCollected(body: ChatRequest, options: CallOptions = {}): Promise<{ completion: ChatCompletion; requestId: string | null }> {
    const streamed = await this.chatStream(body.stream_options === undefined ? { ...body, stream_options: { include_usage: true } } : body, options);
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of streamed.chunks) chunks.push(chunk);
    return { completion: assembleCompletion(chunks), requestId: streamed.requestId };
  }

  /** GET {gatewayBaseUrl}/v1/models. */
  async listModels(): Promise<ModelListItem[]> {
    const list = await this.http.envelope<ModelListItem[] | null>(this.call('GET', this.gatewayBaseUrl, '/v1/models'));
    return list ?? [];
  }

  // ── requests ─────────────────────────────────────────────────────────────────────────────────

  /** POST /v1/request/query-clickhouse. */
  queryRequests(query: RequestQueryInput): Promise<HeliconeRequestRow[]> {
    return this.rows(this.call('POST', this.baseUrl, '/v1/request/query-clickhouse', query));
  }

  /** POST /v1/request/query (the legacy leaves: request, response, feedback, properties, values). */
  queryRequestsLegacy(query: RequestQueryInput): Promise<HeliconeRequestRow[]> {
    return this.rows(this.call('POST', this.baseUrl, '/v1/request/query', query));
  }

  /** POST /v1/request/query-ids. */
  queryRequestIds(requestIds: string[]): Promise<HeliconeRequestRow[]> {
    return this.rows(this.call('POST', this.baseUrl, '/v1/request/query-ids', { requestIds }));
  }

  /** GET /v1/request/{id}, with the bodies inline when includeBody is true. */
  getRequest(requestId: string, options: { includeBody?: boolean } = {}): Promise<HeliconeRequestRow> {
    const path = `/v1/request/${segment(requestId)}${options.includeBody ? '?includeBody=true' : ''}`;
    return this.http.envelope<HeliconeRequestRow>(this.call('GET', this.baseUrl, path));
  }

  /**
   * The bodies behind a row's signed_body_url: Switchyard's envelope `{data: {request, response}}`
   * or Helicone's stored `{request, response}`. The URL needs no key; the key (and the default
   * headers) go only to this client's own baseUrl, never to another host such as a bucket. A row
   * without a URL is read with getRequest(…, {includeBody: true}).
   */
  async getRequestBodies(row: Pick<HeliconeRequestRow, 'request_id' | 'signed_body_url'>): Promise<{ request: unknown; response: unknown }> {
    const url = row.signed_body_url;
    if (!url) {
      const full = await this.getRequest(row.request_id, { includeBody: true });
      return { request: full.request_body ?? null, response: full.response_body ?? null };
    }
    const ours = url.startsWith(`${this.baseUrl}/`);
    const call: HttpCall = {
      method: 'GET',
      url,
      path: ours ? displayUrl(url).slice(this.baseUrl.length) : displayUrl(url),
      headers: ours ? this.baseHeaders : {},
      timeoutMs: this.timeoutMs,
    };
    const body = unwrapEnvelope<unknown>(await this.http.call(call), call, 200);
    if (body === null || typeof body !== 'object') {
      throw new GatewayClientError({ method: 'GET', path: call.path, status: 200, message: 'the body URL answered something other than {request, response}', body });
    }
    const { request, response } = body as { request?: unknown; response?: unknown };
    return { request: request ?? null, response: response ?? null };
  }

  /** POST /v1/request/{id}/feedback. */
  async addFeedback(requestId: string, rating: boolean): Promise<void> {
    await this.http.envelope(this.call('POST', this.baseUrl, `/v1/request/${segment(requestId)}/feedback`, { rating }));
  }

  /** POST /v1/request/{id}/score. */
  async addScores(requestId: string, scores: Record<string, number | boolean>): Promise<void> {
    await this.http.envelope(this.call('POST', this.baseUrl, `/v1/request/${segment(requestId)}/score`, { scores }));
  }

  /** PUT /v1/request/{id}/property, one call per key with Helicone's documented `{key, value}`. */
  async setProperties(requestId: string, properties: Record<string, string>): Promise<void> {
    const path = `/v1/request/${segment(requestId)}/property`;
    for (const [key, value] of Object.entries(properties)) {
      await this.http.envelope(this.call('PUT', this.baseUrl, path, { key, value }));
    }
  }

  // ── sessions ─────────────────────────────────────────────────────────────────────────────────

  /** POST /v1/session/query. */
  async querySessions(query: SessionQueryInput): Promise<SessionResult[]> {
    return (await this.http.envelope<SessionResult[] | null>(this.call('POST', this.baseUrl, '/v1/session/query', query))) ?? [];
  }

  /** POST /v1/session/metrics/query. */
  sessionMetrics(query: SessionMetricsQueryInput): Promise<SessionMetrics> {
    return this.http.envelope<SessionMetrics>(this.call('POST', this.baseUrl, '/v1/session/metrics/query', query));
  }

  /** POST /v1/session/{id}/feedback. */
  async addSessionFeedback(sessionId: string, rating: boolean): Promise<void> {
    await this.http.envelope(this.call('POST', this.baseUrl, `/v1/session/${segment(sessionId)}/feedback`, { rating }));
  }

  /** GET /v1/session/{id}/trace (Switchyard only). */
  sessionTrace(sessionId: string): Promise<SessionTrace> {
    return this.http.envelope<SessionTrace>(this.call('GET', this.baseUrl, `/v1/session/${segment(sessionId)}/trace`));
  }

  // ── users, properties, metrics ───────────────────────────────────────────────────────────────

  /** POST /v1/user/query. */
  async queryUsers(query: UserQueryInput = {}): Promise<UserTotals[]> {
    return (await this.http.envelope<UserTotals[] | null>(this.call('POST', this.baseUrl, '/v1/user/query', query))) ?? [];
  }

  /** POST /v1/user/metrics/query. */
  userMetrics(query: UserMetricsQueryInput): Promise<{ users: UserMetricsResult[]; count: number; hasUsers: boolean }> {
    return this.http.envelope(this.call('POST', this.baseUrl, '/v1/user/metrics/query', query));
  }

  /** POST /v1/property/query: the property keys in use. */
  async propertyKeys(): Promise<string[]> {
    const rows = await this.http.envelope<Array<{ property: string } | string> | null>(this.call('POST', this.baseUrl, '/v1/property/query', {}));
    return (rows ?? []).map((row) => (typeof row === 'string' ? row : row.property));
  }

  /** POST /v1/metrics/query (Switchyard only). */
  async metrics(query: MetricsQueryInput): Promise<MetricsRow[]> {
    return (await this.http.envelope<MetricsRow[] | null>(this.call('POST', this.baseUrl, '/v1/metrics/query', query))) ?? [];
  }

  // ── evals and datasets ───────────────────────────────────────────────────────────────────────

  /** GET /v1/evals/scores: the score names in use. */
  async scoreNames(): Promise<string[]> {
    return (await this.http.envelope<string[] | null>(this.call('GET', this.baseUrl, '/v1/evals/scores'))) ?? [];
  }

  /** POST /v1/evals/query: average, min, max and count of each score, and per day. */
  async queryEvals(query: EvalQueryInput = {}): Promise<Eval[]> {
    return (await this.http.envelope<Eval[] | null>(this.call('POST', this.baseUrl, '/v1/evals/query', { filter: 'all', ...query }))) ?? [];
  }

  /** POST /v1/evals/score-distributions/query: how many scores fall in each bin, per score name. */
  async scoreDistributions(query: EvalQueryInput = {}): Promise<ScoreDistribution[]> {
    return (await this.http.envelope<ScoreDistribution[] | null>(this.call('POST', this.baseUrl, '/v1/evals/score-distributions/query', { filter: 'all', ...query }))) ?? [];
  }

  /** POST /v1/helicone-dataset: a new dataset, with these requests in it. */
  createDataset(fields: { name: string; description?: string; requestIds?: string[] }): Promise<Dataset> {
    return this.http.envelope<Dataset>(this.call('POST', this.baseUrl, '/v1/helicone-dataset', fields));
  }

  /** POST /v1/helicone-dataset/{id}/requests (Switchyard only): add requests by id, or the newest `limit` a filter picks. */
  addToDataset(datasetId: string, add: { requestIds: string[] } | { filter: unknown; limit?: number }): Promise<{ matched: number; added: number; requests_count: number }> {
    return this.http.envelope(this.call('POST', this.baseUrl, `/v1/helicone-dataset/${segment(datasetId)}/requests`, add));
  }

  /** GET /v1/helicone-dataset/{id}/export (Switchyard only): JSONL fine-tuning examples, or CSV. */
  async exportDataset(datasetId: string, format: 'jsonl' | 'csv' = 'jsonl'): Promise<string> {
    const call = this.call('GET', this.baseUrl, `/v1/helicone-dataset/${segment(datasetId)}/export?format=${format}`);
    return this.http.text(await this.http.open(call));
  }

  // ── HQL ──────────────────────────────────────────────────────────────────────────────────────

  /** POST /v1/helicone-sql/execute: read-only SQL over request_response_rmt (cost is USD × 1e9). */
  executeSql(sql: string): Promise<{ rows: Array<Record<string, unknown>>; elapsedMilliseconds: number; size: number; rowCount: number }> {
    return this.http.envelope(this.call('POST', this.baseUrl, '/v1/helicone-sql/execute', { sql }));
  }

  // ── manual logging, health ───────────────────────────────────────────────────────────────────

  /**
   * POST /custom/v1/log (or options.path: another path on baseUrl, or an absolute URL such as
   * Helicone's https://api.worker.helicone.ai/custom/v1/log), with the Helicone headers of the
   * options. The request id is the one the server answers, else the one sent, else Helicone-Id.
   */
  async logManual(payload: unknown, options: CallOptions & { path?: string } = {}): Promise<{ requestId: string | null }> {
    const target = options.path ?? '/custom/v1/log';
    const absolute = absoluteUrl.test(target);
    const url = absolute ? target : `${this.baseUrl}${target.startsWith('/') ? '' : '/'}${target}`;
    const call: HttpCall = {
      method: 'POST',
      url,
      path: absolute ? displayUrl(target) : displayUrl(url).slice(this.baseUrl.length),
      headers: this.headersFor(options),
      body: payload,
      signal: options.signal,
      timeoutMs: this.timeoutMs,
    };
    const open = await this.http.open(call);
    const data = unwrapEnvelope<unknown>(await this.http.json(open), call, open.response.status);
    const answered = data !== null && typeof data === 'object' ? (data as { requestId?: unknown }).requestId : undefined;
    return {
      requestId: typeof answered === 'string' ? answered : (options.requestId ?? open.response.headers.get(heliconeHeaderNames.id)),
    };
  }

  /** GET /healthz: true when it answers 2xx, false otherwise (never throws; waits at most 10 s). */
  async health(): Promise<boolean> {
    try {
      const call = this.call('GET', this.baseUrl, '/healthz');
      call.timeoutMs = Math.min(this.timeoutMs, healthTimeoutMs);
      const open = await this.http.open(call);
      await open.response.body?.cancel();
      return true;
    } catch {
      return false;
    }
  }

  // ── managed prompts (Helicone's prompt API, /v1/prompt-2025) ─────────────────────────────────

  /** The version of a stored prompt to use: the environment's, else the given version, else production. */
  async promptVersion(promptId: string, select: { versionId?: string; environment?: string } = {}): Promise<PromptVersion> {
    const [path, body] = select.environment
      ? ['/v1/prompt-2025/query/environment-version', { promptId, environment: select.environment }]
      : select.versionId
        ? ['/v1/prompt-2025/query/version', { promptVersionId: select.versionId }]
        : ['/v1/prompt-2025/query/production-version', { promptId }];
    return this.http.envelope<PromptVersion>(this.call('POST', this.baseUrl, path, body));
  }

  /** A version's stored body (a chat-completion request), from where its s3_url points. */
  async promptBody(version: Pick<PromptVersion, 'id' | 's3_url'>): Promise<Record<string, unknown>> {
    if (!version.s3_url) throw new GatewayClientError({ method: 'GET', path: `prompt version ${version.id}`, status: 404, message: 'the prompt version has no stored body (no s3_url)' });
    // A signed storage URL carries its own authorisation: the key goes only to this client's server.
    const sameServer = URL.canParse(version.s3_url) && new URL(version.s3_url).origin === new URL(this.baseUrl).origin;
    const call: HttpCall = { method: 'GET', url: version.s3_url, path: displayUrl(version.s3_url), headers: sameServer ? this.baseHeaders : {}, timeoutMs: this.timeoutMs };
    return this.http.envelope<Record<string, unknown>>(call);
  }

  // ── plumbing ─────────────────────────────────────────────────────────────────────────────────

  private headersFor(options: CallOptions): Record<string, string> {
    return mergeHeaders(this.baseHeaders, heliconeHeaders(options), options.extraHeaders);
  }

  private chatCall(body: ChatRequest, options: CallOptions): HttpCall {
    return {
      method: 'POST',
      url: `${this.gatewayBaseUrl}/v1/chat/completions`,
      path: '/v1/chat/completions',
      headers: this.headersFor(options),
      body,
      signal: options.signal,
      timeoutMs: this.timeoutMs,
    };
  }

  private call(method: HttpMethod, base: string, path: string, body?: unknown): HttpCall {
    return { method, url: `${base}${path}`, path: displayUrl(path), headers: this.baseHeaders, body, timeoutMs: this.timeoutMs };
  }

  private async rows(call: HttpCall): Promise<HeliconeRequestRow[]> {
    return (await this.http.envelope<HeliconeRequestRow[] | null>(call)) ?? [];
  }
}
