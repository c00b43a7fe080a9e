/**
 * The requests page's filters, kept in the URL, and the Helicone filter tree they stand for: each
 * set field is one `request_response_rmt` leaf, and-ed together with any raw tree typed by hand.
 */
import type { Query } from '../../router.js';

export interface RequestFilters {
  range: string;
  model: string;
  provider: string;
  /** "ok", "error", or one HTTP status. */
  status: string;
  user: string;
  session: string;
  propertyKey: string;
  propertyValue: string;
  /** A Helicone filter tree as JSON, for anything the fields cannot say. */
  raw: string;
}

export const timeRanges: Record<string, { label: string; ms: number | null }> = {
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 86_400_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000 },
  all: { label: 'All time', ms: null },
};

const fields = ['range', 'model', 'provider', 'status', 'user', 'session', 'propertyKey', 'propertyValue', 'raw'] as const;

export function filtersFromQuery(query: URLSearchParams): RequestFilters {
  const filters = Object.fromEntries(fields.map((field) => [field, query.get(field) ?? ''])) as unknown as RequestFilters;
  if (!(filters.range in timeRanges)) filters.range = 'all';
  return filters;
}

export function filtersToQuery(filters: RequestFilters): Query {
  return { ...filters, range: filters.range === 'all' ? '' : filters.range };
}

export const activeFilterCount = (filters: RequestFilters) => fields.filter((field) => field !== 'range' && filters[field] !== '').length + (filters.range === 'all' ? 0 : 1);

type Tree = unknown;

const leaf = (column: string, operator: string, value: unknown): Tree => ({ request_response_rmt: { [column]: { [operator]: value } } });

function and(nodes: Tree[]): Tree {
  return nodes.reduce((left, right) => ({ left, operator: 'and', right }));
}

function statusTree(status: string): Tree | undefined {
  if (status === 'ok') return and([leaf('status', 'gte', 200), leaf('status', 'lt', 400)]);
  // Cancelled requests (status -3) count as failures too.
  if (status === 'error') return { left: leaf('status', 'gte', 400), operator: 'or', right: leaf('status', 'lt', 0) };
  const code = Number(status);
  return Number.isInteger(code) ? leaf('status', 'equals', code) : undefined;
}

export class FilterSyntaxError extends Error {}

/** The filter tree for the API; throws FilterSyntaxError when the raw JSON does not parse. */
export function filterTree(filters: RequestFilters, now = Date.now()): Tree {
  const nodes: Tree[] = [];
  const range = timeRanges[filters.range]?.ms;
  if (range) nodes.push(leaf('request_created_at', 'gte', new Date(now - range).toISOString()));
  if (filters.model) nodes.push(leaf('model', 'contains', filters.model));
  if (filters.provider) nodes.push(leaf('provider', 'equals', filters.provider));
  const status = filters.status ? statusTree(filters.status) : undefined;
  if (status) nodes.push(status);
  if (filters.user) nodes.push(leaf('user_id', 'equals', filters.user));
  if (filters.session) nodes.push({ request_response_rmt: { properties: { 'Helicone-Session-Id': { equals: filters.session } } } });
  if (filters.propertyKey) nodes.push({ request_response_rmt: { properties: { [filters.propertyKey]: { equals: filters.propertyValue } } } });
  if (filters.raw.trim()) {
    try {
      nodes.push(JSON.parse(filters.raw));
    } catch (error) {
      throw new FilterSyntaxError(`The filter JSON does not parse: ${(error as Error).message}`);
    }
  }
  return nodes.length === 0 ? 'all' : and(nodes);
}
