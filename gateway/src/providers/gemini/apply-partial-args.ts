/**
 * Vertex AI can stream a function call's arguments as `partialArgs`: each piece names one value
 * by JSON path ("$.location", "$.items[0].name") and carries a string, number, boolean or null.
 * String values arrive in fragments and are appended; other values are set.
 */
import type { GeminiPartialArg } from './wire-types.js';

type PathSegment = string | number;
type Container = Record<string, unknown> | unknown[];

/** Parses the RFC 9535 subset Gemini emits: $ followed by .name, [index] and ['name'] segments. */
export function parseJsonPath(path: string): PathSegment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: PathSegment[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const dotted = /^\.([^.[\]]+)/.exec(rest);
    const indexed = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\[(['"])((?:\\.|(?!\1)[^\\])*)\1\]/.exec(rest);
    if (dotted?.[1] !== undefined) {
      segments.push(dotted[1]);
      rest = rest.slice(dotted[0].length);
    } else if (indexed?.[1] !== undefined) {
      segments.push(Number(indexed[1]));
      rest = rest.slice(indexed[0].length);
    } else if (quoted?.[2] !== undefined) {
      segments.push(quoted[2].replace(/\\(.)/g, '$1'));
      rest = rest.slice(quoted[0].length);
    } else {
      return undefined;
    }
  }
  return segments;
}

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

function read(container: Container, key: PathSegment): unknown {
  return Object.prototype.hasOwnProperty.call(container, key) ? (container as Record<PathSegment, unknown>)[key] : undefined;
}

function write(container: Container, key: PathSegment, value: unknown): void {
  // defineProperty rather than assignment, so a key named "__proto__" stays an ordinary property.
  Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
}

function valueOf(arg: GeminiPartialArg): { value: unknown } | undefined {
  if (typeof arg.stringValue === 'string') return { value: arg.stringValue };
  if (typeof arg.numberValue === 'number') return { value: arg.numberValue };
  if (typeof arg.boolValue === 'boolean') return { value: arg.boolValue };
  if ('nullValue' in arg) return { value: null };
  return undefined;
}

export function applyPartialArgs(target: Record<string, unknown>, partialArgs: GeminiPartialArg[] | undefined): void {
  for (const arg of partialArgs ?? []) {
    const path = typeof arg.jsonPath === 'string' ? parseJsonPath(arg.jsonPath) : undefined;
    const found = valueOf(arg);
    if (!path || path.length === 0 || !found) continue;

    let container: Container = target;
    for (let i = 0; i < path.length - 1; i += 1) {
      const key = path[i] as PathSegment;
      let next = read(container, key);
      if (!isContainer(next)) {
        next = typeof path[i + 1] === 'number' ? [] : {};
        write(container, key, next);
      }
      container = next as Container;
    }

    const last = path[path.length - 1] as PathSegment;
    const existing = read(container, last);
    const value = typeof found.value === 'string' && typeof existing === 'string' ? existing + found.value : found.value;
    write(container, last, value);
  }
}
