/**
 * Switchyard for LangGraph JS: `switchyardGraph(graph)` (or `runInSession` for one run) makes each
 * run of a compiled graph one session (the thread id by default), gives each node's model calls
 * the path /<graph>/<node>, and logs tool executions as tool steps. Models come from
 * `switchyardChatModel` (../langchain), or any client using the session-aware fetch.
 */
export { switchyardGraph, runInSession, type SwitchyardGraphOptions } from './switchyard-graph.js';
export { graphSession, type GraphSessionOptions } from './graph-session.js';
export { withNodePaths, NodeSessionPath } from './node-paths.js';
export { ToolStepLogger, withToolSteps, type ToolStepLoggerOptions } from './tool-steps.js';
export { withSession } from '../session/index.js';
