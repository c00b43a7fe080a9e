/**
 * Logs steps that are not model calls (tool executions, retrievals, data steps) with the API of
 * Helicone's `HeliconeManualLogger`: `logRequest(request, operation, headers)` and the log
 * builder. Inside `withSession`, each log joins the current session at the current path.
 */
import { clientOptionsFromEnv, GatewayClient, type GatewayClientOptions } from '../../gateway/src/client/index.js';
import { type ActiveSession, currentSession } from '../session/context.js';
import { sessionHeaders } from '../session/session-fetch.js';

export interface ManualLoggerOptions extends GatewayClientOptions {
  /** A client to log through (default: one from the environment and the other options). */
  client?: GatewayClient;
  /** Told when a log could not be sent (default: a warning on stderr). Logging never fails the work. */
  onError?: (error: unknown, request: LoggedRequest) => void;
}

/** A request to log: a model call's body, or a Helicone event ({_type: 'tool', toolName, input}, …). */
export type LoggedRequest = Record<string, unknown>;

export interface ResultRecorder {
  appendResults(data: Record<string, unknown>): void;
}

const timePoint = (ms: number) => ({ seconds: Math.floor(ms / 1000), milliseconds: ms % 1000 });

export interface Outcome {
  status: number;
  json?: unknown;
  textBody?: string;
  startedAt: number;
  endedAt: number;
}

function payload(request: LoggedRequest, outcome: Outcome): Record<string, unknown> {
  return {
    providerRequest: { url: 'custom-model-nopath', json: request, meta: {} },
    providerResponse: {
      status: outcome.status,
      headers: {},
      ...(outcome.textBody !== undefined ? { textBody: outcome.textBody, json: {} } : { json: outcome.json ?? {} }),
    },
    timing: { startTime: timePoint(outcome.startedAt), endTime: timePoint(outcome.endedAt) },
  };
}

export class ManualLogger {
  private readonly client: GatewayClient;
  private readonly onError: (error: unknown, request: LoggedRequest) => void;

  constructor(options: ManualLoggerOptions = {}) {
    const { client, onError, ...clientOptions } = options;
    this.client = client ?? new GatewayClient({ ...clientOptionsFromEnv(), ...clientOptions });
    this.onError = onError ?? ((error) => console.warn(`switchyard: a manual log was not sent: ${(error as Error)?.message ?? String(error)}`));
  }

  /**
   * Sends one log with a session's headers (by default the current one) under the given ones;
   * resolves with the logged id, or null when the log could not be sent (reported to onError).
   */
  async send(request: LoggedRequest, outcome: Outcome, headers: Record<string, string> = {}, session: ActiveSession | undefined = currentSession()): Promise<string | null> {
    const extraHeaders = { ...(session ? sessionHeaders(session) : {}), ...headers };
    try {
      const { requestId } = await this.client.logManual(payload(request, outcome), { extraHeaders });
      return requestId;
    } catch (error) {
      this.onError(error, request);
      return null;
    }
  }

  /**
   * Runs `operation`, then logs `request` with what the operation recorded (or its error, as
   * status 500), and returns the operation's result (or rethrows its error).
   */
  async logRequest<T>(request: LoggedRequest, operation: (recorder: ResultRecorder) => Promise<T>, headers: Record<string, string> = {}): Promise<T> {
    const results: Record<string, unknown> = {};
    const recorder: ResultRecorder = { appendResults: (data) => Object.assign(results, data) };
    const startedAt = Date.now();
    let result: T;
    try {
      result = await operation(recorder);
    } catch (error) {
      await this.send(request, { status: 500, json: { error: { message: (error as Error)?.message ?? String(error) } }, startedAt, endedAt: Date.now() }, headers);
      throw error;
    }
    await this.send(request, { status: 200, json: results, startedAt, endedAt: Date.now() }, headers);
    return result;
  }

  /** A log assembled step by step: set the response or the error, then sendLog(). */
  logBuilder(request: LoggedRequest, headers: Record<string, string> = {}): LogBuilder {
    return new LogBuilder(this, request, headers);
  }
}

export class LogBuilder {
  private readonly startedAt = Date.now();
  /** The session where the step began, wherever sendLog is called from. */
  private readonly session = currentSession();
  private response: string | undefined;
  private error: unknown;
  private failed = false;

  constructor(
    private readonly logger: ManualLogger,
    private readonly request: LoggedRequest,
    private headers: Record<string, string>,
  ) {}

  setResponse(body: string): void {
    this.response = body;
  }

  setError(error: unknown): void {
    this.error = error;
    this.failed = true;
  }

  addAdditionalHeaders(headers: Record<string, string>): void {
    this.headers = { ...this.headers, ...headers };
  }

  /** Logs what was set; resolves with the logged request id. */
  sendLog(): Promise<string | null> {
    const endedAt = Date.now();
    if (this.failed) {
      const message = (this.error as Error)?.message ?? String(this.error);
      return this.logger.send(this.request, { status: 500, json: { error: { message } }, startedAt: this.startedAt, endedAt }, this.headers, this.session);
    }
    return this.logger.send(this.request, { status: 200, textBody: this.response ?? '', startedAt: this.startedAt, endedAt }, this.headers, this.session);
  }
}
