/**
 * The typed client every part of the project uses (MCP tools, framework adapters, the n8n node,
 * examples) to call a Switchyard gateway, or Helicone's API and AI Gateway.
 *
 *   const client = new GatewayClient(clientOptionsFromEnv());
 *   const { completion, requestId } = await client.chat({ model: 'mock', messages }, { session: { id, path: '/plan' } });
 */
export { GatewayClient, type CallOptions, type PromptVersion } from './client.js';
export type {
  MetricsQueryInput,
  RequestQueryInput,
  SessionMetricsQueryInput,
  SessionQueryInput,
  UserMetricsQueryInput,
  UserQueryInput,
} from './client.js';
export { clientOptionsFromEnv, normalizeBaseUrl, type GatewayClientOptions } from './config.js';
export { GatewayClientError } from './errors.js';
export { heliconeHeaderNames, heliconeHeaders, mergeHeaders, type HeliconeHeaderOptions } from './headers.js';

export type { ChatCompletion, ChatCompletionChunk, ChatMessage, ChatRequest, ChatUsage, ToolCall, ToolDefinition } from '../contract/chat.js';
export type { Dataset } from '../datasets/dataset-store.js';
export type { EvalQueryInput } from '../evals/eval-schemas.js';
export type { Eval } from '../evals/eval-summary.js';
export type { ScoreDistribution } from '../evals/score-distribution.js';
export type { MetricsRow } from '../query/metrics.js';
export type { HeliconeRequestRow } from '../query/request-rows.js';
export type { SessionTrace, TraceNode, TraceRequest } from '../query/session-trace.js';
export type { SessionMetrics, SessionResult } from '../query/sessions.js';
export type { UserMetricsResult, UserTotals } from '../query/users.js';
export type { ModelListItem } from '../registry/registry.js';
