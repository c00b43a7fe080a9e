/**
 * Tool executions as steps of the session tree: a LangChain callback handler that logs every tool
 * run (ToolNode, createReactAgent's tools node, or a tool a node invokes itself) through the
 * gateway's manual-log endpoint, as Helicone's tool event: request `{_type: 'tool', toolName,
 * input}`, response the tool's output, with the headers of the session and path the tool ran in
 * (so a tool run by the node "tools" of graph "agent" sits at /agent/tools).
 *
 * The handler is awaited (LangChain runs awaited handlers inside the tool's own async context,
 * where the node's session is current), so a run has finished logging its tools when it returns.
 * A failed log never fails the tool: it is reported to `onError` (default: a process warning).
 */
import type { Serialized } from '@langchain/core/load/serializable';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { CallbackManager, type Callbacks } from '@langchain/core/callbacks/manager';
import { ToolMessage } from '@langchain/core/messages';
import { clientOptionsFromEnv, GatewayClient } from '../../gateway/src/client/index.js';
import { ManualLogger } from '../manual-logger/index.js';
import { type ActiveSession, currentSession } from '../session/index.js';

export interface ToolStepLoggerOptions {
  /** The client to log through (default: one for `baseURL`/`apiKey`, else from the environment). */
  client?: GatewayClient;
  /** The gateway's URL (with or without /v1). */
  baseURL?: string;
  apiKey?: string;
  onError?: (error: unknown, toolName: string) => void;
}

interface StartedTool {
  toolName: string;
  input: unknown;
  toolCallId?: string;
  session?: ActiveSession;
  startedAt: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The logged response for a tool's output: JSON when it is (or reads as) an object or array, else text. */
function responseBody(output: unknown): { json: unknown } | { textBody: string } {
  const value = ToolMessage.isInstance(output) ? output.content : output;
  if (typeof value === 'string') {
    const parsed = parseJson(value);
    return typeof parsed === 'object' && parsed !== null ? { json: parsed } : { textBody: value };
  }
  if (value === undefined || value === null || typeof value !== 'object') return { json: { output: value ?? null } };
  try {
    return { json: JSON.parse(JSON.stringify(value)) as unknown };
  } catch {
    return { textBody: String(value) };
  }
}

function clientFor(options: ToolStepLoggerOptions): GatewayClient {
  if (options.client) return options.client;
  const fromEnv = clientOptionsFromEnv();
  return new GatewayClient({
    ...fromEnv,
    ...(options.baseURL ? { baseUrl: options.baseURL, gatewayBaseUrl: options.baseURL } : {}),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
  });
}

const warn = (error: unknown, toolName: string): void =>
  process.emitWarning(`Switchyard could not log the tool step "${toolName}": ${(error as Error)?.message ?? String(error)}`);

export class ToolStepLogger extends BaseCallbackHandler {
  name = 'switchyard_tool_steps';
  readonly client: GatewayClient;
  readonly onError: (error: unknown, toolName: string) => void;
  private readonly started = new Map<string, StartedTool>();
  private readonly logger: ManualLogger;

  /** Also takes another logger (LangChain's `copy()` passes the handler itself). */
  constructor(options: ToolStepLoggerOptions = {}) {
    super({ _awaitHandler: true, ignoreLLM: true, ignoreChain: true, ignoreRetriever: true, ignoreCustomEvent: true });
    this.client = clientFor(options);
    this.onError = options.onError ?? warn;
    this.logger = new ManualLogger({ client: this.client, onError: (error, request) => this.onError(error, String(request.toolName)) });
  }

  handleToolStart(tool: Serialized, input: string, runId: string, _parentRunId?: string, _tags?: string[], _metadata?: Record<string, unknown>, runName?: string, toolCallId?: string): void {
    this.started.set(runId, {
      toolName: runName ?? tool.id.at(-1) ?? 'tool',
      input: parseJson(input) ?? input,
      toolCallId,
      session: currentSession(),
      startedAt: Date.now(),
    });
  }

  handleToolEnd(output: unknown, runId: string): Promise<void> {
    return this.log(runId, 200, responseBody(output));
  }

  handleToolError(error: unknown, runId: string): Promise<void> {
    return this.log(runId, 500, { json: { error: { message: (error as Error)?.message ?? String(error) } } });
  }

  private async log(runId: string, status: number, body: { json?: unknown; textBody?: string }): Promise<void> {
    const started = this.started.get(runId);
    if (!started) return;
    this.started.delete(runId);
    const request = { _type: 'tool', toolName: started.toolName, input: started.input, ...(started.toolCallId ? { toolCallId: started.toolCallId } : {}) };
    // Logged in the node's session, captured when the tool started.
    await this.logger.send(request, { status, ...body, startedAt: started.startedAt, endedAt: Date.now() }, {}, started.session);
  }
}

/** `callbacks` with the logger added, unless a tool-step logger is there already (a nested graph). */
export function withToolSteps(callbacks: Callbacks | undefined, logger: ToolStepLogger): Callbacks {
  if (callbacks instanceof CallbackManager) {
    if (callbacks.handlers.some((handler) => handler instanceof ToolStepLogger)) return callbacks;
    const copy = callbacks.copy();
    copy.addHandler(logger, true);
    return copy;
  }
  const handlers = callbacks ?? [];
  return handlers.some((handler) => handler instanceof ToolStepLogger) ? handlers : [...handlers, logger];
}
