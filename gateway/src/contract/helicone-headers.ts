/**
 * Helicone's request headers: their names, and a parser that turns them into one typed object
 * or a 400 naming the bad header. Header names are case-insensitive (Node lowercases them).
 */
import { z } from 'zod';

export const heliconeHeaders = {
  auth: 'helicone-auth',
  requestId: 'helicone-request-id',
  sessionId: 'helicone-session-id',
  sessionPath: 'helicone-session-path',
  sessionName: 'helicone-session-name',
  userId: 'helicone-user-id',
  propertyPrefix: 'helicone-property-',
  omitRequest: 'helicone-omit-request',
  omitResponse: 'helicone-omit-response',
  modelOverride: 'helicone-model-override',
  targetUrl: 'helicone-target-url',
  promptId: 'helicone-prompt-id',
  posthogKey: 'helicone-posthog-key',
  posthogHost: 'helicone-posthog-host',
  /** Response header carrying the request id. */
  id: 'helicone-id',
} as const;

export interface HeliconeRequestHeaders {
  requestId?: string;
  sessionId?: string;
  sessionPath?: string;
  sessionName?: string;
  userId?: string;
  /** Custom properties, names as sent (after the prefix). */
  properties: Record<string, string>;
  omitRequest: boolean;
  omitResponse: boolean;
  modelOverride?: string;
  targetUrl?: string;
  /** Helicone's legacy prompt header: the request's prompt id (also kept as a property, as Helicone does). */
  promptId?: string;
  /** Where to export this request as a PostHog event: the project key (a secret: never logged) and host. */
  posthog?: PosthogDestination;
}

export interface PosthogDestination {
  apiKey: string;
  /** Origin plus any path prefix, without a trailing slash, e.g. https://us.i.posthog.com. */
  host: string;
}

/** Helicone's default PostHog host. */
export const defaultPosthogHost = 'https://app.posthog.com';

/** The property Helicone adds to a request exported to PostHog. */
export const sentToPosthogProperty = 'Helicone-Sent-To-Posthog';

export class HeaderError extends Error {
  constructor(
    readonly header: string,
    message: string,
  ) {
    super(message);
    this.name = 'HeaderError';
  }
}

const uuid = z.uuid();
const maxValueLength = 4096;

type RawHeaders = Record<string, string | string[] | undefined>;

/**
 * One value for a header. Repeated headers are refused rather than silently joined: pass Node's
 * `req.headersDistinct` (every value an array) so that repeats are visible.
 */
function single(headers: RawHeaders, name: string, label: string): string | undefined {
  let value = headers[name];
  if (Array.isArray(value)) {
    if (value.length > 1) throw new HeaderError(label, `${label} was sent more than once; send it once`);
    value = value[0];
  }
  if (value === undefined) return undefined;
  if (value.length > maxValueLength) throw new HeaderError(label, `${label} is longer than ${maxValueLength} characters`);
  return value.trim();
}

function text(headers: RawHeaders, name: string, label: string): string | undefined {
  const value = single(headers, name, label);
  if (value === undefined) return undefined;
  if (value === '') throw new HeaderError(label, `${label} is empty; omit the header or give it a value`);
  return value;
}

function flag(headers: RawHeaders, name: string, label: string): boolean {
  const value = single(headers, name, label);
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new HeaderError(label, `${label} must be "true" or "false", got "${value}"`);
}

/**
 * Custom properties keep their names as the client wrote them when the raw header list is
 * available (Node lowercases `headers`); queries match property keys case-insensitively.
 */
function parseProperties(headers: RawHeaders, rawHeaders?: string[]): Record<string, string> {
  const names = new Map<string, string>();
  if (rawHeaders) {
    for (let i = 0; i < rawHeaders.length; i += 2) {
      const name = rawHeaders[i]!;
      if (name.toLowerCase().startsWith(heliconeHeaders.propertyPrefix)) names.set(name.toLowerCase(), name.slice(heliconeHeaders.propertyPrefix.length));
    }
  }
  const properties: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    if (!name.startsWith(heliconeHeaders.propertyPrefix)) continue;
    const key = names.get(name) ?? name.slice(heliconeHeaders.propertyPrefix.length);
    if (key === '') throw new HeaderError('Helicone-Property-', 'Helicone-Property- needs a name, e.g. Helicone-Property-Environment');
    properties[key] = single(headers, name, `Helicone-Property-${key}`) ?? '';
  }
  return properties;
}

/**
 * Helicone-Posthog-Key (and -Host). Errors never quote the key; the host is not quoted either,
 * since a URL may carry credentials.
 */
function parsePosthog(headers: RawHeaders): PosthogDestination | undefined {
  const apiKey = text(headers, heliconeHeaders.posthogKey, 'Helicone-Posthog-Key');
  const host = text(headers, heliconeHeaders.posthogHost, 'Helicone-Posthog-Host');
  if (apiKey === undefined) {
    if (host !== undefined) throw new HeaderError('Helicone-Posthog-Host', 'Helicone-Posthog-Host needs Helicone-Posthog-Key (the PostHog project API key, phc_...)');
    return undefined;
  }
  if (/[\s\u0000-\u001f]/.test(apiKey)) throw new HeaderError('Helicone-Posthog-Key', 'Helicone-Posthog-Key must be one PostHog project API key (phc_...), without spaces');
  if (host === undefined) return { apiKey, host: defaultPosthogHost };
  const url = URL.canParse(host) ? new URL(host) : null;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash) {
    throw new HeaderError('Helicone-Posthog-Host', 'Helicone-Posthog-Host must be an http(s) URL without credentials or query, e.g. https://us.i.posthog.com');
  }
  return { apiKey, host: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

export function parseHeliconeHeaders(headers: RawHeaders, rawHeaders?: string[]): HeliconeRequestHeaders {
  const requestId = text(headers, heliconeHeaders.requestId, 'Helicone-Request-Id');
  if (requestId !== undefined && !uuid.safeParse(requestId).success) {
    throw new HeaderError(
      'Helicone-Request-Id',
      `Helicone-Request-Id must be a UUID such as 123e4567-e89b-12d3-a456-426614174000, got "${requestId}"`,
    );
  }
  const properties = parseProperties(headers, rawHeaders);
  const promptId = text(headers, heliconeHeaders.promptId, 'Helicone-Prompt-Id');
  if (promptId !== undefined) properties['Helicone-Prompt-Id'] = promptId;
  const posthog = parsePosthog(headers);
  // As Helicone does: a request exported to PostHog says so among its properties.
  if (posthog) properties[sentToPosthogProperty] = 'true';
  const targetUrl = text(headers, heliconeHeaders.targetUrl, 'Helicone-Target-URL');
  if (targetUrl !== undefined && !URL.canParse(targetUrl)) {
    throw new HeaderError('Helicone-Target-URL', `Helicone-Target-URL must be an absolute URL, got "${targetUrl}"`);
  }
  return {
    requestId: requestId?.toLowerCase(),
    sessionId: text(headers, heliconeHeaders.sessionId, 'Helicone-Session-Id'),
    sessionPath: text(headers, heliconeHeaders.sessionPath, 'Helicone-Session-Path'),
    sessionName: text(headers, heliconeHeaders.sessionName, 'Helicone-Session-Name'),
    userId: text(headers, heliconeHeaders.userId, 'Helicone-User-Id'),
    properties,
    omitRequest: flag(headers, heliconeHeaders.omitRequest, 'Helicone-Omit-Request'),
    omitResponse: flag(headers, heliconeHeaders.omitResponse, 'Helicone-Omit-Response'),
    modelOverride: text(headers, heliconeHeaders.modelOverride, 'Helicone-Model-Override'),
    targetUrl,
    promptId,
    ...(posthog ? { posthog } : {}),
  };
}
