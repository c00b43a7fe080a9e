/**
 * OpenAI Agents SDK → Switchyard (or Helicone): `connectAgentsToGateway()` once at startup, then
 * `runInSession(session, agent, input)` (or `withSession(session, () => run(agent, input))`).
 * See README.md in this folder.
 */
export { connectAgentsToGateway, type AgentsGateway, type AgentsGatewayOptions } from './connect.js';
export { runInSession } from './run-in-session.js';
export { GatewayTraceProcessor, type GatewayTraceProcessorOptions } from './trace-processor.js';
export { SpanPathTracker, type TraceInfo } from './span-paths.js';
export { toolEventPayload, type ToolEventPayload } from './tool-event.js';
export { withSession, currentSession, type SessionContext } from '../session/index.js';
