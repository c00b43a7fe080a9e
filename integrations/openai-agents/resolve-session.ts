/**
 * Which session a model call or tool event of an agent run belongs to, and at what path:
 * - id: the enclosing `withSession`/`runInSession` session; else the `session.id` given to
 *   connectAgentsToGateway; else the SDK trace's group id (a conversation thread); else its trace id;
 * - path: the enclosing session's path (or the configured default path) + the span's path in the run;
 * - name: the enclosing session's, else the configured one, else the trace's workflow name;
 * - user and properties: the enclosing session's over the configured defaults.
 */
import { type ActiveSession, currentSession, joinPath, type SessionContext } from '../session/index.js';
import { pathSegment } from '../session/path-segment.js';
import type { TraceInfo } from './span-paths.js';

export function resolveSession(spanPath: string | undefined, trace: TraceInfo | undefined, defaults: SessionContext = {}): ActiveSession | undefined {
  const live = currentSession();
  const id = live?.id ?? defaults.id ?? trace?.groupId ?? trace?.traceId;
  if (!id) return undefined;
  const basePath = live?.path ?? joinPath('/', defaults.path);
  const name = live?.name ?? defaults.name ?? (trace ? pathSegment(trace.name, 'Agent workflow') : undefined);
  return {
    id,
    name,
    path: joinPath(basePath, spanPath),
    userId: live?.userId ?? defaults.userId,
    properties: { ...defaults.properties, ...live?.properties },
  };
}
