/**
 * Session paths for the nodes of a compiled LangGraph graph, without touching the nodes' code.
 *
 * LangGraph 1.7 runs a node by calling `invoke` on `graph.nodes[name].getNode()`, which is the
 * node's `bound` runnable (followed by its channel writers). `withNodePaths(graph)` returns a copy
 * of the graph whose nodes' `bound` is wrapped so that it runs inside `withSession({ path: name })`:
 * AsyncLocalStorage then carries the node's path through LangChain (which keeps its own,
 * separate AsyncLocalStorage) down to the session-aware fetch of every model call the node makes.
 * Subgraphs used as nodes get the same treatment, one level deeper. Outside a session, nodes run
 * as they are. The user's graph is not changed.
 */
import { Runnable, type RunnableConfig } from '@langchain/core/runnables';
import type { PregelNode } from '@langchain/langgraph';
import { currentSession, withSession } from '../session/index.js';

/** What this module needs of a compiled graph (a `Pregel`, e.g. from `StateGraph.compile()`). */
export interface CompiledGraphLike {
  nodes: Record<string, PregelNode>;
  withConfig(config: Record<string, never>): this;
}

/** A node's runnable, run one path segment deeper in the current session. */
export class NodeSessionPath<I = unknown, O = unknown> extends Runnable<I, O> {
  lc_namespace = ['switchyard', 'langgraph'];

  constructor(
    readonly inner: Runnable<I, O>,
    readonly segment: string,
  ) {
    super();
  }

  invoke(input: I, config?: Partial<RunnableConfig>): Promise<O> {
    if (!currentSession()) return this.inner.invoke(input, config);
    return withSession({ path: this.segment }, () => this.inner.invoke(input, config));
  }
}

const isCompiledGraph = (value: unknown): value is CompiledGraphLike =>
  typeof value === 'object' && value !== null && (value as { lg_is_pregel?: unknown }).lg_is_pregel === true && 'nodes' in value;

const withPaths = new WeakMap<object, object>();
const instrumented = new WeakSet<object>();

function nodeWithPath(name: string, node: PregelNode): PregelNode {
  const bound = node.bound as Runnable | undefined;
  // LangGraph's own nodes (__start__, …) run no user code.
  if (name.startsWith('__') || !bound || bound instanceof NodeSessionPath) return node;
  const inner = isCompiledGraph(bound) ? (withNodePaths(bound) as unknown as Runnable) : bound;
  // PregelNode has no private fields: a shallow copy with another `bound` is a working node.
  return Object.assign(Object.create(Object.getPrototypeOf(node) as object) as PregelNode, node, { bound: new NodeSessionPath(inner, name) });
}

export function withNodePaths<G extends CompiledGraphLike>(graph: G): G {
  if (instrumented.has(graph)) return graph;
  const cached = withPaths.get(graph);
  if (cached) return cached as G;
  // withConfig builds a new graph of the same class (a Pregel has private members, so no shallow copy).
  const copy = graph.withConfig({});
  copy.nodes = Object.fromEntries(Object.entries(graph.nodes).map(([name, node]) => [name, nodeWithPath(name, node)]));
  instrumented.add(copy);
  withPaths.set(graph, copy);
  return copy;
}
