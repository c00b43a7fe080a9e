/**
 * Operator sets per value kind, value checking, and the generic compilation of one
 * `{operator: value}` against a column expression (rest-api-spec §2.2).
 */
import type { SqlDialect } from './dialect.js';
import { FilterError, quoteList } from './errors.js';
import { type CompiledSql, param, raw, sql } from './sql.js';
import type { CheckedValue, Operator, ScalarColumn, ValueKind } from './types.js';

export const operatorsByKind: Readonly<Record<ValueKind, readonly Operator[]>> = {
  text: ['equals', 'not-equals', 'like', 'ilike', 'contains', 'not-contains'],
  number: ['equals', 'not-equals', 'gte', 'lte', 'gt', 'lt'],
  timestamp: ['equals', 'gte', 'lte', 'gt', 'lt'],
  boolean: ['equals'],
};

/** Helicone's sentinel strings for equals / not-equals on text. */
export const NULL_SENTINEL = 'null';
export const EMPTY_SENTINEL = '__empty__';

const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parses an ISO-8601 date or date-time to epoch ms. A date-time without an offset is read as UTC
 * (never the server's local zone); a bare date is UTC midnight. Impossible dates (Feb 30) fail.
 */
export function parseTimestamp(value: string): number | null {
  const match = isoDateTime.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== Number(year) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    check.getUTCHours() !== Number(hour) ||
    check.getUTCMinutes() !== Number(minute) ||
    check.getUTCSeconds() !== Number(second)
  ) {
    return null;
  }
  if (zone.toUpperCase() === 'Z') return utc;
  const offset = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const offsetHours = Number(offset[2]);
  const offsetMinutes = Number(offset[3] ?? '0');
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  const sign = offset[1] === '-' ? -1 : 1;
  return utc - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** Checks an operator's value against the column kind; throws FilterError at `path`. */
export function checkValue(kind: ValueKind, value: unknown, path: string): CheckedValue {
  switch (kind) {
    case 'text':
      if (typeof value === 'string') return value;
      throw new FilterError(path, `Invalid value at ${path}: expected a string, got ${describe(value)}`);
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw new FilterError(path, `Invalid value at ${path}: expected a finite number, got ${describe(value)}`);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      throw new FilterError(path, `Invalid value at ${path}: expected true or false, got ${describe(value)}`);
    case 'timestamp': {
      const ms = typeof value === 'string' ? parseTimestamp(value) : null;
      if (ms !== null) return ms;
      throw new FilterError(
        path,
        `Invalid value at ${path}: expected an ISO-8601 date-time string such as "2024-01-01T00:00:00Z", got ${describe(value)}`,
      );
    }
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** The operators a column accepts. */
export const columnOperators = (column: ScalarColumn): readonly Operator[] => column.operators ?? operatorsByKind[column.kind];

/** Validates an operator name for a column. */
export function checkOperator(column: ScalarColumn, operator: string, path: string, where: string): Operator {
  const valid = columnOperators(column);
  if ((valid as readonly string[]).includes(operator)) return operator as Operator;
  throw new FilterError(
    path,
    `Unknown operator "${operator}" for ${where} (${column.kind}) at ${path}; valid operators: ${quoteList(valid)}`,
  );
}

/** The generic SQL for `expr <operator> value`. */
export function compileOperator(
  dialect: SqlDialect,
  expr: CompiledSql,
  nullable: boolean,
  kind: ValueKind,
  operator: Operator,
  value: CheckedValue,
): CompiledSql {
  if (kind === 'text') return compileText(dialect, expr, nullable, operator, value as string);
  const bound = kind === 'number' ? dialect.number(value as number) : param(kind === 'boolean' ? dialect.bool(value as boolean) : value);
  switch (operator) {
    case 'equals':
      return sql`${expr} = ${bound}`;
    case 'not-equals':
      return nullable ? sql`(${expr} IS NULL OR ${expr} != ${bound})` : sql`${expr} != ${bound}`;
    case 'gte':
      return sql`${expr} >= ${bound}`;
    case 'lte':
      return sql`${expr} <= ${bound}`;
    case 'gt':
      return sql`${expr} > ${bound}`;
    case 'lt':
      return sql`${expr} < ${bound}`;
    default:
      throw new Error(`internal: operator ${operator} on ${kind}`);
  }
}

function compileText(dialect: SqlDialect, expr: CompiledSql, nullable: boolean, operator: Operator, value: string): CompiledSql {
  const empty = raw("''");
  switch (operator) {
    case 'equals':
      if (value === NULL_SENTINEL) return sql`${expr} IS NULL`;
      // A missing value reads as '' (Helicone's columns default to the empty string).
      if (value === EMPTY_SENTINEL || value === '') return nullable ? sql`(${expr} IS NULL OR ${expr} = ${empty})` : sql`${expr} = ${empty}`;
      return dialect.textEquals(expr, value);
    case 'not-equals':
      if (value === NULL_SENTINEL) return sql`${expr} IS NOT NULL`;
      if (value === EMPTY_SENTINEL || value === '') return nullable ? sql`(${expr} IS NOT NULL AND ${expr} != ${empty})` : sql`${expr} != ${empty}`;
      return nullable ? sql`(${expr} IS NULL OR ${expr} != ${param(value)})` : sql`${expr} != ${param(value)}`;
    case 'like':
      return dialect.like(expr, value);
    case 'ilike':
      return dialect.ilike(expr, value);
    case 'contains':
      return dialect.contains(expr, value);
    case 'not-contains':
      return nullable ? sql`(${expr} IS NULL OR NOT (${dialect.contains(expr, value)}))` : sql`NOT (${dialect.contains(expr, value)})`;
    default:
      throw new Error(`internal: operator ${operator} on text`);
  }
}
