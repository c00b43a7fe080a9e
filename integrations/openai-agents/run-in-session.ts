/**
 * `run()` inside a session: every model call and tool event of the run carries the session's
 * id, name, user and properties, with the agent's path under the session's path.
 *
 * The session comes first (as in `withSession`) because the SDK's run options already have a
 * `session`: its conversation memory. Without an `id`, the enclosing session continues (one
 * level deeper when `path` is given), or, outside any session, a new session starts with a
 * random UUID as its id and the agent's name as its name.
 */
import { randomUUID } from 'node:crypto';
import { type Agent, type AgentInputItem, type NonStreamRunOptions, run, type RunResult, type RunState, type StreamedRunResult, type StreamRunOptions } from '@openai/agents';
import { currentSession, type SessionContext, withSession } from '../session/index.js';
import { pathSegment } from '../session/path-segment.js';

type RunInput<TContext, TAgent extends Agent<any, any>> = string | AgentInputItem[] | RunState<TContext, TAgent>;

export function runInSession<TAgent extends Agent<any, any>, TContext = undefined>(
  session: SessionContext,
  agent: TAgent,
  input: RunInput<TContext, TAgent>,
  options?: NonStreamRunOptions<TContext, TAgent>,
): Promise<RunResult<TContext, TAgent>>;
export function runInSession<TAgent extends Agent<any, any>, TContext = undefined>(
  session: SessionContext,
  agent: TAgent,
  input: RunInput<TContext, TAgent>,
  options: StreamRunOptions<TContext, TAgent>,
): Promise<StreamedRunResult<TContext, TAgent>>;
export function runInSession<TAgent extends Agent<any, any>, TContext = undefined>(
  session: SessionContext,
  agent: TAgent,
  input: RunInput<TContext, TAgent>,
  options?: NonStreamRunOptions<TContext, TAgent> | StreamRunOptions<TContext, TAgent>,
): Promise<RunResult<TContext, TAgent> | StreamedRunResult<TContext, TAgent>> {
  const outermost = currentSession() === undefined;
  const context: SessionContext = outermost ? { ...session, id: session.id ?? randomUUID(), name: session.name ?? pathSegment(agent.name, 'Agent') } : session;
  return withSession(context, () => run(agent, input, options as StreamRunOptions<TContext, TAgent>));
}
