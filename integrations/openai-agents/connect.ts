/**
 * One call to send an OpenAI Agents SDK app through the gateway, as session trees:
 *
 *   connectAgentsToGateway({ baseURL: 'http://127.0.0.1:8585' });
 *   await runInSession({ id: 'ticket-42', userId: 'alice' }, agent, 'Where is my order?');
 *
 * It sets the SDK's default OpenAI client (the gateway's URL, key and headers, and a fetch that
 * adds the session headers with the current agent's path), makes the SDK call Chat Completions
 * (served for every provider by any Helicone-compatible gateway; `api: 'responses'` keeps the
 * SDK's default, which Switchyard also serves), and replaces the SDK's trace processors with
 * ours: the OpenAI exporter is removed, so nothing is ever sent to api.openai.com, even with
 * OPENAI_API_KEY set.
 * SDK tracing is switched on (it is off by default under NODE_ENV=test or
 * OPENAI_AGENTS_DISABLE_TRACING), because the agent paths come from its spans; it stays local.
 * A run with `tracingDisabled: true` still goes through the gateway in its session, without agent paths.
 *
 * Call it before the first run: the SDK keeps the first OpenAI client a run resolves. Calling it
 * again updates that same client (URL, key, headers, session defaults) and replaces the processor.
 */
import { promptFields, type PromptReference } from '../prompts/index.js';
import { setDefaultOpenAIClient, setOpenAIAPI, setTraceProcessors, setTracingDisabled } from '@openai/agents';
import OpenAI from 'openai';
import { clientOptionsFromEnv, GatewayClient } from '../../gateway/src/client/index.js';
import { gatewayConfig, type GatewayOptions, type SessionContext } from '../session/index.js';
import { agentsFetch, type AgentsFetchSetup } from './agents-fetch.js';
import { SpanPathTracker } from './span-paths.js';
import { GatewayTraceProcessor } from './trace-processor.js';

export interface AgentsGatewayOptions extends Omit<GatewayOptions, 'session' | 'prompt'> {
  /**
   * A managed prompt for every model call: the SDK has no body hook, so the fetch adds Helicone's
   * body fields (prompt_id, version_id, environment, inputs), which Helicone's gateway expands.
   */
  prompt?: PromptReference;
  /**
   * Defaults for every run: an `id` puts all runs outside `withSession`/`runInSession` in that one
   * session (otherwise each run is its own session, named by the SDK trace: its group id, else its
   * trace id); `path` prefixes agent paths; `name`, `userId`, `properties` apply unless the
   * enclosing session sets them.
   */
  session?: SessionContext;
  /**
   * The API the SDK calls: 'chat_completions' (default: every provider, on Switchyard and on
   * Helicone's hosted gateway, whose Responses API serves only some providers) or 'responses'
   * (the SDK's own default: OpenAI's hosted tools and reasoning items on OpenAI models; Switchyard
   * translates it for the other providers).
   */
  api?: 'chat_completions' | 'responses';
  /** Log each tool execution as a Helicone tool event (default true). */
  logTools?: boolean;
  /**
   * Where tool events are logged (POST /custom/v1/log). Default: a client of the query API at
   * `baseURL` when given, else from the environment (SWITCHYARD_URL, or HELICONE_BASE_URL /
   * api.helicone.ai with HELICONE_API_KEY, else http://127.0.0.1:8585).
   */
  logClient?: GatewayClient;
}

export interface AgentsGateway {
  /** The OpenAI client the SDK now uses by default. */
  client: OpenAI;
  /** The SDK's only trace processor now; add your own after it with addTraceProcessor. */
  processor: GatewayTraceProcessor;
  /** Waits until every tool event is written (runs wait for their own; streamed runs may not have yet). */
  flush(): Promise<void>;
}

const toolLogTimeoutMs = 10_000;

function defaultLogClient(options: AgentsGatewayOptions): GatewayClient {
  const fromEnv = clientOptionsFromEnv();
  return new GatewayClient({
    baseUrl: options.baseURL ?? fromEnv.baseUrl,
    apiKey: options.apiKey ?? fromEnv.apiKey,
    fetch: options.fetch,
    timeoutMs: toolLogTimeoutMs,
  });
}

/** One for the process: spans are tracked whichever setup is current, so a run survives a reconnect. */
const tracker = new SpanPathTracker();
let active: AgentsFetchSetup | undefined;
let sharedClient: OpenAI | undefined;

export function connectAgentsToGateway(options: AgentsGatewayOptions = {}): AgentsGateway {
  const { session: defaults = {}, api = 'chat_completions', logTools = true, logClient, prompt, ...gatewayOptions } = options;
  const config = gatewayConfig(gatewayOptions);
  const processor = new GatewayTraceProcessor({
    tracker,
    defaults,
    logClient: logTools ? (logClient ?? defaultLogClient(options)) : undefined,
    defaultHeaders: config.defaultHeaders,
  });
  active = { tracker, defaults, defaultHeaders: config.defaultHeaders, base: config.fetch, bodyFields: prompt ? promptFields(prompt) : undefined };
  if (sharedClient) {
    // The SDK keeps the client it saw first: update it rather than replace it.
    sharedClient.baseURL = config.baseURL;
    sharedClient.apiKey = config.apiKey;
  } else {
    sharedClient = new OpenAI({ baseURL: config.baseURL, apiKey: config.apiKey, fetch: agentsFetch(() => active!) });
  }

  setDefaultOpenAIClient(sharedClient);
  setOpenAIAPI(api);
  setTraceProcessors([processor]);
  setTracingDisabled(false);
  return { client: sharedClient, processor, flush: () => processor.forceFlush() };
}
