/**
 * A small route table: "METHOD /path/:param" patterns, matched segment by segment. Paths are
 * compared without a trailing slash; parameters are URL-decoded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Gateway } from './gateway.js';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  gateway: Gateway;
  /** The request path, without query string or trailing slash. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
}

export type Handler = (ctx: RouteContext) => Promise<void> | void;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  pattern: string;
  handler: Handler;
  /** Served to any client, even when keys are required (health, public model list). */
  public?: boolean;
}

interface CompiledRoute extends Route {
  segments: string[];
}

export type RouteMatch =
  | { route: Route; params: Record<string, string> }
  | { allowed: string[] }
  | undefined;

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes.map((route) => ({ ...route, segments: route.pattern.split('/').filter(Boolean) }));
  }

  match(method: string, path: string): RouteMatch {
    const segments = path.split('/').filter(Boolean);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { route, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { allowed } : undefined;
  }
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(segments[i]!);
      } catch {
        return undefined;
      }
    } else if (expected !== segments[i]) {
      return undefined;
    }
  }
  return params;
}
