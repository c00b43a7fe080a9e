/**
 * Which session a graph run belongs to. The id: the one given, else the enclosing `withSession`'s
 * (a graph run inside a session, or inside another graph's node, joins it), else the run's thread
 * id (`config.configurable.thread_id`), else a new UUID. A new session is named after the graph;
 * the run's path is the graph's name, so its nodes sit at /<graph>/<node>.
 */
import { randomUUID } from 'node:crypto';
import type { RunnableConfig } from '@langchain/core/runnables';
import { currentSession, type SessionContext } from '../session/index.js';

export interface GraphSessionOptions {
  /** The session id (default: the enclosing session's, else the thread id, else a new UUID). */
  id?: string;
  /** The session name (default: the graph's name, for a new session). */
  name?: string;
  /** The path segment of the run (default: the graph's name). */
  path?: string;
  userId?: string;
  properties?: Record<string, string | number | boolean>;
}

export interface NamedGraph {
  getName(): string;
}

function threadId(config: Partial<RunnableConfig> | undefined): string | undefined {
  const value: unknown = config?.configurable?.thread_id;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export function graphSession(graph: NamedGraph, config: Partial<RunnableConfig> | undefined, options: GraphSessionOptions = {}): SessionContext {
  const enclosing = currentSession();
  const id = options.id ?? enclosing?.id ?? threadId(config) ?? randomUUID();
  const graphName = graph.getName();
  return {
    id,
    name: options.name ?? (enclosing?.id === id ? undefined : graphName),
    path: options.path ?? graphName,
    userId: options.userId,
    properties: options.properties,
  };
}
