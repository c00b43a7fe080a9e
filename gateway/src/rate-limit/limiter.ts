/**
 * Helicone's custom rate limits for the chat pipeline. `rateLimitStage` runs once before the
 * attempts: without a `Helicone-RateLimit-Policy` header it returns at once; with one, it parses
 * the policy (400 when bad), finds the bucket (global, per user or per property; 400 when the
 * segment's header is missing), reserves (1 for requests, a check only for cents) and either
 * returns the response headers or throws a 429 `RateLimitedError`. `settleRateLimit` runs after
 * the log record: for cents it deducts the request's actual cost (unknown cost deducts nothing).
 * Failures of the limiter itself fail open: logged to stderr, the request proceeds.
 */
import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../contract/errors.js';
import { HeaderError, type HeliconeRequestHeaders } from '../contract/helicone-headers.js';
import { SharedStateUnavailable } from '../redis/shared-state-unavailable.js';
import { formatAmount, formatPolicy, parsePolicy, policyHeader, type RateLimitPolicy } from './policy.js';
import { MemoryRateLimitStore, type RateLimitStore } from './store.js';

export const rateLimitHeaders = {
  limit: 'helicone-ratelimit-limit',
  remaining: 'helicone-ratelimit-remaining',
  policy: 'helicone-ratelimit-policy',
  reset: 'helicone-ratelimit-reset',
} as const;

/** A request refused by its rate-limit policy: a 429 carrying the rate-limit headers. */
export class RateLimitedError extends GatewayError {
  constructor(
    message: string,
    readonly headers: Record<string, string>,
  ) {
    super(429, 'rate_limited', message, policyHeader);
    this.name = 'RateLimitedError';
  }
}

/** What one request's policy decided, kept until the request is settled. */
export interface RateLimitTicket {
  policy: RateLimitPolicy;
  key: string;
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  constructor(
    readonly store: RateLimitStore = new MemoryRateLimitStore(),
    private readonly clock: () => number = Date.now,
  ) {}

  /** Checks (and for requests, consumes) the bucket; the ticket says whether the request may go. */
  async check(policy: RateLimitPolicy, key: string): Promise<RateLimitTicket> {
    const now = this.clock();
    const take = policy.unit === 'request' ? 1 : 0;
    const state = await this.store.reserve(key, policy.quota, take, policy.windowSeconds * 1000, now);
    const headers: Record<string, string> = {
      [rateLimitHeaders.limit]: formatAmount(policy.quota),
      [rateLimitHeaders.remaining]: formatAmount(Math.max(0, policy.quota - state.used)),
      [rateLimitHeaders.policy]: formatPolicy(policy),
    };
    const resetSeconds = Math.ceil((state.resetAt - now) / 1000);
    if (resetSeconds > 0) headers[rateLimitHeaders.reset] = String(resetSeconds);
    return { policy, key, allowed: state.allowed, headers };
  }

  /** Deducts a cents request's cost from its bucket. */
  async settle(ticket: RateLimitTicket, costCents: number): Promise<void> {
    if (ticket.policy.unit !== 'cents' || !ticket.allowed || !(costCents > 0)) return;
    await this.store.charge(ticket.key, costCents, ticket.policy.windowSeconds * 1000, this.clock());
  }
}

/** The bucket key: per gateway key, then per scope, unit last (request and cents buckets are separate). */
export function bucketKey(policy: RateLimitPolicy, headers: HeliconeRequestHeaders | undefined, gatewayKeyId: string | null): string {
  const owner = gatewayKeyId ?? '-';
  const segment = policy.segment;
  if (segment === undefined) return `${owner}:global::${policy.unit}`;
  if (segment.toLowerCase() === 'user') {
    const userId = headers?.userId;
    if (!userId) throw new HeaderError(policyHeader, `Rate limit policy specifies "s=${segment}" but Helicone-User-Id header is missing`);
    return `${owner}:user:${JSON.stringify(userId)}:${policy.unit}`;
  }
  const wanted = segment.toLowerCase();
  const name = Object.keys(headers?.properties ?? {}).find((key) => key.toLowerCase() === wanted);
  const value = name === undefined ? undefined : headers!.properties[name];
  if (!value) {
    throw new HeaderError(policyHeader, `Rate limit policy specifies "s=${segment}" but Helicone-Property-${segment} header is missing`);
  }
  return `${owner}:prop:${JSON.stringify(wanted)}:${JSON.stringify(value)}:${policy.unit}`;
}

function refusal(ticket: RateLimitTicket): RateLimitedError {
  const { policy } = ticket;
  const amount = policy.unit === 'cents' ? `${formatAmount(policy.quota)} cents` : `${formatAmount(policy.quota)} requests`;
  const scope = policy.segment === undefined ? '' : policy.segment.toLowerCase() === 'user' ? ' per user' : ` per value of Helicone-Property-${policy.segment}`;
  const reset = ticket.headers[rateLimitHeaders.reset];
  const when = reset ? `; it resets in ${reset} seconds` : '';
  return new RateLimitedError(
    `Rate limit exceeded: ${policyHeader} "${formatPolicy(policy)}" allows ${amount} per ${policy.windowSeconds} seconds${scope}${when}`,
    ticket.headers,
  );
}

/** One limiter (and in-memory store) per Gateway object, for as long as the gateway lives. */
const limiters = new WeakMap<object, RateLimiter>();
/** Each request's ticket, keyed by its RequestLog, until it is settled. */
const tickets = new WeakMap<object, RateLimitTicket>();

export function limiterFor(gateway: object): RateLimiter {
  let limiter = limiters.get(gateway);
  if (!limiter) {
    limiter = new RateLimiter();
    limiters.set(gateway, limiter);
  }
  return limiter;
}

/** Use this limiter for this gateway (the Redis-backed one, or one for a test). */
export function setLimiter(gateway: object, limiter: RateLimiter): void {
  limiters.set(gateway, limiter);
}

function policyValue(req: IncomingMessage): string | undefined {
  const values = req.headersDistinct[rateLimitHeaders.policy];
  if (!values) return undefined;
  if (values.length > 1) throw new HeaderError(policyHeader, `${policyHeader} was sent more than once; send one policy`);
  return values[0];
}

interface RequestFacts {
  headers: HeliconeRequestHeaders | undefined;
  gatewayKeyId: string | null;
}

/**
 * Before the attempts: applies the request's policy, if any. Returns the rate-limit response
 * headers (empty without a policy); throws HeaderError (400) or RateLimitedError (429).
 */
export async function rateLimitStage(gateway: object, req: IncomingMessage, log: RequestFacts): Promise<Record<string, string>> {
  const value = policyValue(req);
  if (value === undefined) return {};
  const policy = parsePolicy(value);
  const key = bucketKey(policy, log.headers, log.gatewayKeyId);
  let ticket: RateLimitTicket;
  try {
    ticket = await limiterFor(gateway).check(policy, key);
  } catch (error) {
    failOpen('rate limiter check failed; request allowed', error);
    return {};
  }
  tickets.set(log, ticket);
  if (!ticket.allowed) throw refusal(ticket);
  return ticket.headers;
}

/** The rate-limit headers decided for this request (for error answers), if any. */
export function rateLimitHeadersOf(log: object): Record<string, string> {
  return tickets.get(log)?.headers ?? {};
}

/** After the log record: deducts a cents request's actual cost. Never throws. */
export async function settleRateLimit(gateway: object, log: object, costUsd: number | null | undefined): Promise<void> {
  const ticket = tickets.get(log);
  if (!ticket) return;
  tickets.delete(log);
  try {
    if (costUsd != null) await limiterFor(gateway).settle(ticket, costUsd * 100);
  } catch (error) {
    failOpen('rate limiter could not deduct the cost', error);
  }
}

function failOpen(msg: string, error: unknown): void {
  if (error instanceof SharedStateUnavailable) return; // already reported, throttled, by the connection
  console.error(JSON.stringify({ level: 'error', msg, error: String((error as Error)?.stack ?? error) }));
}
