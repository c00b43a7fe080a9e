/**
 * One line makes a compiled LangGraph graph (StateGraph, createReactAgent, …) run as a session:
 *
 *   const agent = switchyardGraph(createReactAgent({ llm, tools }));   // once
 *   await agent.invoke(input, { configurable: { thread_id } });         // unchanged
 *
 * Every run (invoke, stream, streamEvents, batch) is one session (see graphSession), each node's
 * calls carry /<graph>/<node> (see withNodePaths), and tool executions are logged as tool steps
 * (see ToolStepLogger). `runInSession(graph, input, config, options)` does the same for one run.
 */
import type { RunnableConfig } from '@langchain/core/runnables';
import { withSession } from '../session/index.js';
import { type GraphSessionOptions, graphSession, type NamedGraph } from './graph-session.js';
import { type CompiledGraphLike, withNodePaths } from './node-paths.js';
import { ToolStepLogger, type ToolStepLoggerOptions, withToolSteps } from './tool-steps.js';

export interface SwitchyardGraphOptions extends GraphSessionOptions, ToolStepLoggerOptions {
  /** Log tool executions as tool steps (default true). */
  logTools?: boolean;
}

type RunConfig = Partial<RunnableConfig> | undefined;

export interface SessionGraphLike extends CompiledGraphLike, NamedGraph {
  stream(input: unknown, config?: any): Promise<unknown>;
  invoke(input: unknown, config?: any): Promise<unknown>;
}

type GraphClass = new (fields: object) => SessionGraphLike;

export function switchyardGraph<G extends SessionGraphLike>(graph: G, options: SwitchyardGraphOptions = {}): G {
  const { logTools = true, client, baseURL, apiKey, onError, ...session } = options;
  const logger = logTools ? new ToolStepLogger({ client, baseURL, apiKey, onError }) : undefined;
  const withPaths = withNodePaths(graph);
  // A subclass, so that copies LangGraph makes (withConfig) stay sessions; Pregel's invoke,
  // streamEvents and batch all go through stream.
  const Base = withPaths.constructor as GraphClass;
  class SessionGraph extends Base {
    override stream(input: unknown, config?: RunConfig): Promise<unknown> {
      const run = logger ? { ...config, callbacks: withToolSteps(config?.callbacks, logger) } : config;
      return withSession(graphSession(this, config, session), () => super.stream(input, run));
    }
  }
  return new SessionGraph({ ...withPaths }) as unknown as G;
}

/** Runs the graph once as a session; the same as `switchyardGraph(graph, options).invoke(input, config)`. */
export function runInSession<G extends SessionGraphLike>(
  graph: G,
  input: Parameters<G['invoke']>[0],
  config?: Parameters<G['invoke']>[1],
  options: SwitchyardGraphOptions = {},
): ReturnType<G['invoke']> {
  return switchyardGraph(graph, options).invoke(input, config) as ReturnType<G['invoke']>;
}
