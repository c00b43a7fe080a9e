/** The shapes the query API answers with, as the gateway's own modules declare them. */
export type { HeliconeRequestRow as RequestRow } from '../../../src/query/request-rows.js';
export type { SessionResult } from '../../../src/query/sessions.js';
export type { SessionTrace, TraceNode, TraceRequest } from '../../../src/query/session-trace.js';
export type { MetricsRow } from '../../../src/query/metrics.js';
export type { Prompt2025, Prompt2025Version } from '../../../src/contract/prompts.js';
export type { AttemptLog } from '../../../src/log/log-record.js';
