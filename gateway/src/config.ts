/**
 * The gateway's settings: command-line flags over environment variables over an optional JSON
 * config file over defaults. Validated once at start, with errors that name the setting.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export const defaults = {
  host: '127.0.0.1',
  port: 8585,
  dataDir: './.switchyard',
  maxBodyBytes: 10 * 1024 * 1024,
  // Long answers can take minutes before their first byte; lower it to fail over sooner.
  upstreamTimeoutMs: 600_000,
  redisPrefix: 'switchyard:',
  // Log records held in memory while PostgreSQL is unreachable (about 5 KB each with bodies).
  spoolRecords: 50_000,
} as const;

const configFileSchema = z.strictObject({
  host: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  dataDir: z.string().min(1).optional(),
  maxBodyBytes: z.number().int().positive().optional(),
  /** How long a provider may take to start answering (or between two parts of its answer). */
  upstreamTimeoutMs: z.number().int().positive().optional(),
  /** URL prefixes that Helicone-Target-URL may point at, e.g. "https://api.lemonfox.ai". */
  targetUrlAllowlist: z.array(z.url()).optional(),
  /** Shared cache and rate limits for several instances, e.g. "redis://127.0.0.1:6379". */
  redisUrl: z.string().min(1).optional(),
  /** Prepended to every Redis key, so deployments can share one Redis. */
  redisPrefix: z.string().min(1).optional(),
  /** The log store shared by several instances, e.g. "postgres://user@127.0.0.1:5432/switchyard". */
  storeUrl: z.string().min(1).optional(),
  /** Log records held while the PostgreSQL store is unreachable; past it they are dropped, with a warning. */
  spoolRecords: z.number().int().positive().optional(),
  /** Where the gateway sends its requests as OpenTelemetry spans (OTLP/HTTP JSON), e.g. "http://127.0.0.1:4318/v1/traces". */
  otlpEndpoint: z.string().min(1).optional(),
  /** Headers sent with every OTLP export (a collector's token); added to by SWITCHYARD_OTLP_HEADERS. */
  otlpHeaders: z.record(z.string().min(1), z.string()).optional(),
  /** Lets Helicone-Posthog-Host point at http and private or loopback hosts (a self-hosted PostHog on the LAN). */
  posthogAllowPrivate: z.boolean().optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;

export interface GatewayConfig {
  host: string;
  port: number;
  dataDir: string;
  dbPath: string;
  maxBodyBytes: number;
  /** A provider that sends nothing for this long fails the attempt (504), which fails over. */
  upstreamTimeoutMs: number;
  /** Parsed once: URL prefixes Helicone-Target-URL may point at. */
  targetUrlAllowlist: URL[];
  /** Redis for the cache and rate limits shared by several instances; null keeps them in-process. */
  redisUrl: string | null;
  redisPrefix: string;
  /** PostgreSQL for the log, keys and prompts shared by several instances; null keeps them in the SQLite file. */
  storeUrl: string | null;
  spoolRecords: number;
  /** OTLP/HTTP JSON traces endpoint for the gateway's own spans; null exports none. */
  otlpEndpoint: string | null;
  /** Sent with each OTLP export; may hold a token, so never printed. */
  otlpHeaders: Record<string, string>;
  /** Helicone-Posthog-Host may be http or a private/loopback host (off by default: a client picks the host). */
  posthogAllowPrivate: boolean;
  env: NodeJS.ProcessEnv;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ConfigInput {
  host?: string;
  port?: string | number;
  dataDir?: string;
  config?: string;
  redis?: string;
  store?: string;
}

function readConfigFile(path: string): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`config file ${path}: "${issue.path.join('.') || '(root)'}": ${issue.message}`);
  }
  return parsed.data;
}

function parsePort(value: string | number, source: string): number {
  const port = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${source} must be a port number 0-65535, got "${value}"`);
  return port;
}

function parseRedisUrl(value: string, source: string): string {
  const protocol = URL.canParse(value) ? new URL(value).protocol : '';
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new ConfigError(`${source} must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379, got "${value}"`);
  }
  return value;
}

function parseStoreUrl(value: string, source: string): string {
  const protocol = URL.canParse(value) ? new URL(value).protocol : '';
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new ConfigError(`${source} must be a postgres:// URL, e.g. postgres://switchyard@127.0.0.1:5432/switchyard, got "${protocol ? `${protocol}//…` : value}"`);
  }
  return value;
}

function parseOtlpEndpoint(value: string, source: string): string {
  const protocol = URL.canParse(value) ? new URL(value).protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new ConfigError(`${source} must be an http(s) URL, e.g. http://127.0.0.1:4318/v1/traces, got "${protocol ? `${protocol}//…` : value}"`);
  }
  return value;
}

/** `name=value,name2=value2`, as OTEL_EXPORTER_OTLP_HEADERS is written; values are never echoed (they may be tokens). */
function parseOtlpHeaders(value: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const entry of value.split(',')) {
    if (entry.trim() === '') continue;
    const at = entry.indexOf('=');
    const name = at > 0 ? entry.slice(0, at).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new ConfigError('SWITCHYARD_OTLP_HEADERS must be name=value pairs separated by commas, e.g. "authorization=Bearer abc,x-team=ml"');
    try {
      headers[name.toLowerCase()] = decodeURIComponent(entry.slice(at + 1).trim());
    } catch {
      throw new ConfigError(`SWITCHYARD_OTLP_HEADERS: the value of "${name}" is not valid percent-encoding`);
    }
  }
  return headers;
}

function parseFlag(value: string, source: string): boolean {
  if (!['0', '1', 'true', 'false'].includes(value)) throw new ConfigError(`${source} must be 1 or 0, got "${value}"`);
  return value === '1' || value === 'true';
}

export function loadConfig(input: ConfigInput = {}, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const configPath = input.config ?? env.SWITCHYARD_CONFIG;
  const file = configPath ? readConfigFile(configPath) : {};
  const host = input.host ?? env.SWITCHYARD_HOST ?? file.host ?? defaults.host;
  const port =
    input.port !== undefined ? parsePort(input.port, '--port')
    : env.SWITCHYARD_PORT ? parsePort(env.SWITCHYARD_PORT, 'SWITCHYARD_PORT')
    : (file.port ?? defaults.port);
  const dataDir = resolve(input.dataDir ?? env.SWITCHYARD_DATA_DIR ?? file.dataDir ?? defaults.dataDir);
  let maxBodyBytes = file.maxBodyBytes ?? defaults.maxBodyBytes;
  if (env.SWITCHYARD_MAX_BODY_BYTES) {
    maxBodyBytes = Number(env.SWITCHYARD_MAX_BODY_BYTES);
    if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) throw new ConfigError('SWITCHYARD_MAX_BODY_BYTES must be a positive integer');
  }
  let upstreamTimeoutMs = file.upstreamTimeoutMs ?? defaults.upstreamTimeoutMs;
  if (env.SWITCHYARD_UPSTREAM_TIMEOUT_MS) {
    upstreamTimeoutMs = Number(env.SWITCHYARD_UPSTREAM_TIMEOUT_MS);
    if (!Number.isInteger(upstreamTimeoutMs) || upstreamTimeoutMs <= 0) throw new ConfigError('SWITCHYARD_UPSTREAM_TIMEOUT_MS must be a positive integer (milliseconds)');
  }
  const envAllowlist = env.SWITCHYARD_TARGET_URL_ALLOWLIST?.split(',').map((entry) => entry.trim()).filter(Boolean) ?? [];
  for (const entry of envAllowlist) {
    if (!URL.canParse(entry)) throw new ConfigError(`SWITCHYARD_TARGET_URL_ALLOWLIST has an entry that is not a URL: "${entry}"`);
  }
  const redisUrl =
    input.redis !== undefined ? parseRedisUrl(input.redis, '--redis')
    : env.SWITCHYARD_REDIS_URL ? parseRedisUrl(env.SWITCHYARD_REDIS_URL, 'SWITCHYARD_REDIS_URL')
    : file.redisUrl !== undefined ? parseRedisUrl(file.redisUrl, `config file ${configPath}: "redisUrl"`)
    : null;
  const storeUrl =
    input.store !== undefined ? parseStoreUrl(input.store, '--store')
    : env.SWITCHYARD_STORE_URL ? parseStoreUrl(env.SWITCHYARD_STORE_URL, 'SWITCHYARD_STORE_URL')
    : file.storeUrl !== undefined ? parseStoreUrl(file.storeUrl, `config file ${configPath}: "storeUrl"`)
    : null;
  let spoolRecords = file.spoolRecords ?? defaults.spoolRecords;
  if (env.SWITCHYARD_SPOOL_RECORDS) {
    spoolRecords = Number(env.SWITCHYARD_SPOOL_RECORDS);
    if (!Number.isInteger(spoolRecords) || spoolRecords <= 0) throw new ConfigError('SWITCHYARD_SPOOL_RECORDS must be a positive integer (log records)');
  }
  const otlpEndpoint =
    env.SWITCHYARD_OTLP_ENDPOINT ? parseOtlpEndpoint(env.SWITCHYARD_OTLP_ENDPOINT, 'SWITCHYARD_OTLP_ENDPOINT')
    : file.otlpEndpoint !== undefined ? parseOtlpEndpoint(file.otlpEndpoint, `config file ${configPath}: "otlpEndpoint"`)
    : null;
  const otlpHeaders = { ...file.otlpHeaders, ...(env.SWITCHYARD_OTLP_HEADERS ? parseOtlpHeaders(env.SWITCHYARD_OTLP_HEADERS) : {}) };
  const posthogAllowPrivate = env.SWITCHYARD_POSTHOG_ALLOW_PRIVATE ? parseFlag(env.SWITCHYARD_POSTHOG_ALLOW_PRIVATE, 'SWITCHYARD_POSTHOG_ALLOW_PRIVATE') : (file.posthogAllowPrivate ?? false);
  return {
    host,
    port,
    dataDir,
    dbPath: join(dataDir, 'switchyard.db'),
    maxBodyBytes,
    upstreamTimeoutMs,
    // The environment's entries add to the file's (both are allowlists).
    targetUrlAllowlist: [...(file.targetUrlAllowlist ?? []), ...envAllowlist].map((entry) => new URL(entry)),
    redisUrl,
    redisPrefix: env.SWITCHYARD_REDIS_PREFIX || file.redisPrefix || defaults.redisPrefix,
    storeUrl,
    spoolRecords,
    otlpEndpoint,
    otlpHeaders,
    posthogAllowPrivate,
    env,
  };
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return loopbackHosts.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A connection's remote address (IPv4, IPv6 or IPv4-mapped IPv6) is this machine's. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ipv4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(ipv4);
}
