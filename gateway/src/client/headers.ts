/**
 * Helicone's request headers from one typed object, with the names and string formats Helicone
 * documents (integrations-spec §1.3). Invalid values throw a TypeError naming the option, before
 * anything is sent.
 */

export interface HeliconeHeaderOptions {
  requestId?: string;
  session?: { id: string; name?: string; path?: string };
  userId?: string;
  properties?: Record<string, string | number | boolean>;
  cache?: boolean | { enabled?: boolean; ttlSeconds?: number; seed?: string; bucketMaxSize?: number; ignoreKeys?: string[] };
  retry?: boolean | { enabled?: boolean; num?: number; factor?: number; minTimeoutMs?: number; maxTimeoutMs?: number };
  rateLimit?: string | { quota: number; windowSeconds: number; unit?: 'request' | 'cents'; segment?: string };
  prompt?: { id: string };
  omit?: { request?: boolean; response?: boolean };
  modelOverride?: string;
}

/** The header names, exactly as Helicone's documentation writes them. */
export const heliconeHeaderNames = {
  requestId: 'Helicone-Request-Id',
  sessionId: 'Helicone-Session-Id',
  sessionName: 'Helicone-Session-Name',
  sessionPath: 'Helicone-Session-Path',
  userId: 'Helicone-User-Id',
  propertyPrefix: 'Helicone-Property-',
  cacheEnabled: 'Helicone-Cache-Enabled',
  cacheControl: 'Cache-Control',
  cacheSeed: 'Helicone-Cache-Seed',
  cacheBucketMaxSize: 'Helicone-Cache-Bucket-Max-Size',
  cacheIgnoreKeys: 'Helicone-Cache-Ignore-Keys',
  retryEnabled: 'Helicone-Retry-Enabled',
  retryNum: 'helicone-retry-num',
  retryFactor: 'helicone-retry-factor',
  retryMinTimeout: 'helicone-retry-min-timeout',
  retryMaxTimeout: 'helicone-retry-max-timeout',
  rateLimitPolicy: 'Helicone-RateLimit-Policy',
  promptId: 'Helicone-Prompt-Id',
  omitRequest: 'Helicone-Omit-Request',
  omitResponse: 'Helicone-Omit-Response',
  modelOverride: 'Helicone-Model-Override',
  /** Response header: the id of the logged request. */
  id: 'Helicone-Id',
} as const;

/** RFC 9110 token characters: what a header name may contain. */
const headerToken = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What fetch refuses in a header value: CR, LF, NUL, and anything outside Latin-1. */
const forbiddenInValue = /[\r\n\0]|[^\u0000-\u00ff]/u;
/** Separators of the Helicone rate-limit policy and of comma-joined lists. */
const policySeparator = /[;,=]/;
const minRateLimitWindowSeconds = 60;

function text(option: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`${option} must be a string, got ${typeof value}`);
  if (value.trim() === '') throw new TypeError(`${option} must not be empty`);
  checkValue(option, value);
  return value;
}

function checkValue(option: string, value: string): void {
  const bad = forbiddenInValue.exec(value);
  if (!bad) return;
  if (bad[0] === '\r' || bad[0] === '\n' || bad[0] === '\0') throw new TypeError(`${option} must not contain line breaks or NUL characters (CR/LF would split the header)`);
  throw new TypeError(`${option} contains "${bad[0]}", which an HTTP header cannot carry; encode it (e.g. encodeURIComponent) first`);
}

function flag(option: string, value: unknown): string {
  if (typeof value !== 'boolean') throw new TypeError(`${option} must be true or false, got ${JSON.stringify(value)}`);
  return value ? 'true' : 'false';
}

function positive(option: string, value: unknown, integer: boolean): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(`${option} must be a positive ${integer ? 'whole ' : ''}number, got ${String(value)}`);
  }
  if (integer && !Number.isInteger(value)) throw new TypeError(`${option} must be a whole number, got ${value}`);
  return String(value);
}

function propertyValue(option: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${option} must be a finite number, got ${value}`);
    return String(value);
  }
  if (typeof value !== 'string') throw new TypeError(`${option} must be a string, number or boolean, got ${value === null ? 'null' : typeof value}`);
  checkValue(option, value);
  return value;
}

function object(option: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${option} must be an object`);
  return value as Record<string, unknown>;
}

function addCache(headers: Record<string, string>, cache: NonNullable<HeliconeHeaderOptions['cache']>): void {
  if (typeof cache === 'boolean') {
    headers[heliconeHeaderNames.cacheEnabled] = flag('cache', cache);
    return;
  }
  object('cache', cache);
  const enabled = cache.enabled === undefined ? true : cache.enabled;
  headers[heliconeHeaderNames.cacheEnabled] = flag('cache.enabled', enabled);
  if (cache.ttlSeconds !== undefined) headers[heliconeHeaderNames.cacheControl] = `max-age=${positive('cache.ttlSeconds', cache.ttlSeconds, true)}`;
  if (cache.seed !== undefined) headers[heliconeHeaderNames.cacheSeed] = text('cache.seed', cache.seed);
  if (cache.bucketMaxSize !== undefined) headers[heliconeHeaderNames.cacheBucketMaxSize] = positive('cache.bucketMaxSize', cache.bucketMaxSize, true);
  if (cache.ignoreKeys !== undefined) {
    if (!Array.isArray(cache.ignoreKeys)) throw new TypeError('cache.ignoreKeys must be an array of body keys');
    for (const [index, key] of cache.ignoreKeys.entries()) {
      text(`cache.ignoreKeys[${index}]`, key);
      if (key.includes(',')) throw new TypeError(`cache.ignoreKeys[${index}] must not contain a comma (the keys are sent comma-joined)`);
    }
    if (cache.ignoreKeys.length > 0) headers[heliconeHeaderNames.cacheIgnoreKeys] = cache.ignoreKeys.join(',');
  }
}

function addRetry(headers: Record<string, string>, retry: NonNullable<HeliconeHeaderOptions['retry']>): void {
  if (typeof retry === 'boolean') {
    headers[heliconeHeaderNames.retryEnabled] = flag('retry', retry);
    return;
  }
  object('retry', retry);
  headers[heliconeHeaderNames.retryEnabled] = flag('retry.enabled', retry.enabled === undefined ? true : retry.enabled);
  if (retry.num !== undefined) headers[heliconeHeaderNames.retryNum] = positive('retry.num', retry.num, true);
  if (retry.factor !== undefined) headers[heliconeHeaderNames.retryFactor] = positive('retry.factor', retry.factor, false);
  if (retry.minTimeoutMs !== undefined) headers[heliconeHeaderNames.retryMinTimeout] = positive('retry.minTimeoutMs', retry.minTimeoutMs, true);
  if (retry.maxTimeoutMs !== undefined) headers[heliconeHeaderNames.retryMaxTimeout] = positive('retry.maxTimeoutMs', retry.maxTimeoutMs, true);
  if (retry.minTimeoutMs !== undefined && retry.maxTimeoutMs !== undefined && retry.minTimeoutMs > retry.maxTimeoutMs) {
    throw new TypeError(`retry.minTimeoutMs (${retry.minTimeoutMs}) must not exceed retry.maxTimeoutMs (${retry.maxTimeoutMs})`);
  }
}

/** Helicone's policy string: "quota;w=window[;u=unit][;s=segment]", e.g. "10;w=1000;u=cents;s=user". */
function rateLimitPolicy(rateLimit: NonNullable<HeliconeHeaderOptions['rateLimit']>): string {
  if (typeof rateLimit === 'string') return text('rateLimit', rateLimit);
  object('rateLimit', rateLimit);
  const quota = positive('rateLimit.quota', rateLimit.quota, false);
  const window = positive('rateLimit.windowSeconds', rateLimit.windowSeconds, true);
  if (rateLimit.windowSeconds < minRateLimitWindowSeconds) {
    throw new TypeError(`rateLimit.windowSeconds must be at least ${minRateLimitWindowSeconds} (Helicone's shortest window), got ${rateLimit.windowSeconds}`);
  }
  let policy = `${quota};w=${window}`;
  if (rateLimit.unit !== undefined) {
    if (rateLimit.unit !== 'request' && rateLimit.unit !== 'cents') throw new TypeError(`rateLimit.unit must be "request" or "cents", got ${JSON.stringify(rateLimit.unit)}`);
    policy += `;u=${rateLimit.unit}`;
  }
  if (rateLimit.segment !== undefined) {
    const segment = text('rateLimit.segment', rateLimit.segment);
    if (policySeparator.test(segment)) throw new TypeError(`rateLimit.segment must not contain ";", "," or "=", got ${JSON.stringify(segment)}`);
    policy += `;s=${segment}`;
  }
  return policy;
}

/**
 * Helicone's header names and string values for the given options. Throws a TypeError naming
 * the option for an invalid value.
 */
export function heliconeHeaders(options: HeliconeHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.requestId !== undefined) headers[heliconeHeaderNames.requestId] = text('requestId', options.requestId);
  if (options.session !== undefined) {
    const session = object('session', options.session) as HeliconeHeaderOptions['session'] & object;
    headers[heliconeHeaderNames.sessionId] = text('session.id', session.id);
    if (session.name !== undefined) headers[heliconeHeaderNames.sessionName] = text('session.name', session.name);
    if (session.path !== undefined) headers[heliconeHeaderNames.sessionPath] = text('session.path', session.path);
  }
  if (options.userId !== undefined) headers[heliconeHeaderNames.userId] = text('userId', options.userId);
  if (options.properties !== undefined) {
    for (const [name, value] of Object.entries(object('properties', options.properties))) {
      if (!headerToken.test(name)) {
        throw new TypeError(`properties: ${JSON.stringify(name)} is not a valid property name; use letters, digits and !#$%&'*+-.^_\`|~ (no spaces, colons or other separators)`);
      }
      headers[`${heliconeHeaderNames.propertyPrefix}${name}`] = propertyValue(`properties.${name}`, value);
    }
  }
  if (options.cache !== undefined) addCache(headers, options.cache);
  if (options.retry !== undefined) addRetry(headers, options.retry);
  if (options.rateLimit !== undefined) headers[heliconeHeaderNames.rateLimitPolicy] = rateLimitPolicy(options.rateLimit);
  if (options.prompt !== undefined) headers[heliconeHeaderNames.promptId] = text('prompt.id', object('prompt', options.prompt).id);
  if (options.omit !== undefined) {
    const omit = object('omit', options.omit);
    if (omit.request !== undefined) headers[heliconeHeaderNames.omitRequest] = flag('omit.request', omit.request);
    if (omit.response !== undefined) headers[heliconeHeaderNames.omitResponse] = flag('omit.response', omit.response);
  }
  if (options.modelOverride !== undefined) headers[heliconeHeaderNames.modelOverride] = text('modelOverride', options.modelOverride);
  return headers;
}

/**
 * Merges header maps, later ones winning whatever the case of the name (HTTP names are
 * case-insensitive; a plain object would send both spellings and the server would join them).
 */
export function mergeHeaders(...layers: Array<Record<string, string> | undefined>): Record<string, string> {
  const byLowerName = new Map<string, [string, string]>();
  for (const layer of layers) {
    if (!layer) continue;
    for (const name in layer) byLowerName.set(name.toLowerCase(), [name, layer[name]!]);
  }
  const merged: Record<string, string> = {};
  for (const [name, value] of byLowerName.values()) merged[name] = value;
  return merged;
}
