/**
 * Building blocks shared by the row-level column maps: plain `requests r` columns, constant
 * columns, bodies, custom properties (a missing one reads as ''), scores and feedback.
 */
import type { SqlDialect } from './dialect.js';
import { EMPTY_SENTINEL, NULL_SENTINEL, compileOperator } from './operators.js';
import { type CompiledSql, join, param, raw, sql } from './sql.js';
import type { CheckedValue, MapColumn, Operator, ScalarColumn, ValueKind } from './types.js';

/** The score key that stores feedback (1 = positive, 0 = negative). */
export const FEEDBACK_SCORE_KEY = 'helicone-score-feedback';

/** A column of `requests r`. `name` comes only from this module's maps. */
export const rowColumn = (name: string, kind: ValueKind, nullable = true): ScalarColumn => ({
  shape: 'scalar',
  kind,
  nullable,
  expr: () => raw(`r.${name}`),
});

/** A valid Helicone column the store does not fill: NULL, so it matches like an empty value. */
export const nullColumn = (kind: ValueKind): ScalarColumn => ({ shape: 'scalar', kind, nullable: true, expr: () => raw('NULL') });

/** A boolean the store never sets: always false. */
export const falseColumn: ScalarColumn = { shape: 'scalar', kind: 'boolean', nullable: false, expr: () => raw('0') };

/** A computed column over an arbitrary expression. */
export const exprColumn = (kind: ValueKind, expr: (dialect: SqlDialect) => CompiledSql, nullable = true): ScalarColumn => ({
  shape: 'scalar',
  kind,
  nullable,
  expr,
});

/** A column of the row's `request_bodies` entry (NULL when no body was stored). */
export const bodyColumn = (column: 'request_body' | 'response_body'): CompiledSql =>
  raw(`(SELECT ${column} FROM request_bodies WHERE request_id = r.request_id)`);

/** A value read from a JSON body at fixed paths, NULL when absent or not JSON. */
export const bodyJsonColumn = (column: 'request_body' | 'response_body', paths: readonly string[]): ScalarColumn =>
  exprColumn('text', (dialect) => sql`(SELECT ${dialect.jsonText(raw(column), paths)} FROM request_bodies WHERE request_id = r.request_id)`);

// --- custom properties ---------------------------------------------------------------------------

/** Session headers live on `requests`, not in request_properties, but filter as properties. */
const sessionPropertyColumns: Readonly<Record<string, string>> = {
  'helicone-session-id': 'session_id',
  'helicone-session-path': 'session_path',
  'helicone-session-name': 'session_name',
};

/** The `requests` column holding a session header property, when `key` is one (case-insensitive). */
export const sessionColumnFor = (key: string): string | undefined => {
  const lower = key.toLowerCase();
  return Object.hasOwn(sessionPropertyColumns, lower) ? sessionPropertyColumns[lower] : undefined;
};

const isPlainValue = (operator: Operator, value: CheckedValue): value is string =>
  operator === 'equals' && typeof value === 'string' && value !== '' && value !== NULL_SENTINEL && value !== EMPTY_SENTINEL;

/**
 * The value of custom property `key` on the row, reading '' when the row lacks it (ClickHouse
 * Map semantics): equals '' and not-equals match rows without it, contains does not.
 */
export function propertyValueColumn(key: string): ScalarColumn {
  const session = sessionColumnFor(key);
  if (session !== undefined) {
    const column = raw(`r.${session}`);
    return {
      shape: 'scalar',
      kind: 'text',
      nullable: false,
      expr: () => sql`coalesce(${column}, '')`,
      compile: (dialect, operator, value) =>
        isPlainValue(operator, value) ? sql`${column} = ${param(value)}` : compileOperator(dialect, sql`coalesce(${column}, '')`, false, 'text', operator, value),
    };
  }
  const expr = (dialect: SqlDialect): CompiledSql =>
    sql`coalesce((SELECT value FROM request_properties WHERE request_id = r.request_id AND ${dialect.equalsNoCase(raw('key'), key)}), '')`;
  return {
    shape: 'scalar',
    kind: 'text',
    nullable: false,
    expr,
    compile: (dialect, operator, value, options) => {
      if (!isPlainValue(operator, value)) return compileOperator(dialect, expr(dialect), false, 'text', operator, value);
      // SQLite: both forms use the (key COLLATE NOCASE, value) index: a value on many rows is probed
      // row by row as the newest rows are walked; a rarer one drives the query through its matches.
      // PostgreSQL probes by request id, and finds a rarer one's matches by the hashes in its index.
      if (options.isDenseProperty?.(key, value)) {
        return sql`EXISTS (SELECT 1 FROM request_properties p WHERE ${dialect.equalsNoCase(raw('p.key'), key)} AND p.value = ${param(value)} AND p.request_id = r.request_id)`;
      }
      return sql`r.request_id IN (SELECT p.request_id FROM request_properties p WHERE ${dialect.equalsNoCaseIndexed(raw('p.key'), key)} AND ${dialect.textEquals(raw('p.value'), value)})`;
    },
  };
}

/** `properties: {<key>: TextOperators}`. */
export const propertiesMap: MapColumn = { shape: 'map', kind: 'text', entry: propertyValueColumn };

/** The text of prompt input `key` the request was expanded with (a managed prompt's `inputs`), '' without one. */
export const promptInputExpr = (dialect: SqlDialect, key: string): CompiledSql =>
  sql`coalesce((SELECT ${dialect.jsonMemberText(raw('i.inputs'), key)} FROM prompt_inputs i WHERE i.request_id = r.request_id), '')`;

/** `values: {<key>: TextOperators}`: the prompt inputs of the request; a missing one reads as ''. */
export const promptInputsMap: MapColumn = {
  shape: 'map',
  kind: 'text',
  entry: (key) => ({ shape: 'scalar', kind: 'text', nullable: false, expr: (dialect) => promptInputExpr(dialect, key) }),
};

/** The property names the session columns appear under. */
const sessionPropertyKeys: Readonly<Record<string, string>> = {
  session_id: 'Helicone-Session-Id',
  session_path: 'Helicone-Session-Path',
  session_name: 'Helicone-Session-Name',
};

/** `search_properties: {<label>: TextOperators}`: some property KEY of the row satisfies the operator. */
export const searchPropertiesMap: MapColumn = {
  shape: 'map',
  kind: 'text',
  entry: () => ({
    shape: 'scalar',
    kind: 'text',
    nullable: false,
    expr: () => raw('key'),
    compile: (dialect, operator, value) => {
      const onKey = (key: CompiledSql): CompiledSql => {
        // Keys compare case-insensitively for (not-)equals, as everywhere else.
        if (operator === 'equals' && typeof value === 'string' && value !== NULL_SENTINEL && value !== EMPTY_SENTINEL) {
          return dialect.equalsNoCase(key, value);
        }
        if (operator === 'not-equals' && typeof value === 'string' && value !== NULL_SENTINEL && value !== EMPTY_SENTINEL) {
          return dialect.notEqualsNoCase(key, value);
        }
        return compileOperator(dialect, key, false, 'text', operator, value);
      };
      const stored = sql`EXISTS (SELECT 1 FROM request_properties WHERE request_id = r.request_id AND ${onKey(raw('key'))})`;
      const session = Object.entries(sessionPropertyKeys).map(
        ([column, name]) => sql`(${raw(`r.${column}`)} IS NOT NULL AND ${onKey(sql`${param(name)}`)})`,
      );
      return sql`(${join([stored, ...session], ' OR ')})`;
    },
  }),
};

/** `property_key: {equals: key}`: the row has a property with that key. */
export const propertyKeyColumn: ScalarColumn = {
  shape: 'scalar',
  kind: 'text',
  nullable: false,
  operators: ['equals'],
  expr: () => raw('NULL'),
  compile: (dialect, _operator, value) => {
    const key = value as string;
    const session = sessionColumnFor(key);
    if (session !== undefined) return sql`${raw(`r.${session}`)} IS NOT NULL`;
    return sql`r.request_id IN (SELECT request_id FROM request_properties WHERE ${dialect.equalsNoCaseIndexed(raw('key'), key)})`;
  },
};

// --- scores and feedback -------------------------------------------------------------------------

/** `scores: {<key>: NumberOperators}`: the row has score `key` and its value satisfies the operator. */
export const scoresMap: MapColumn = {
  shape: 'map',
  kind: 'number',
  entry: (key) => ({
    shape: 'scalar',
    kind: 'number',
    nullable: false,
    expr: () => raw('value'),
    compile: (dialect, operator, value) =>
      sql`EXISTS (SELECT 1 FROM request_scores WHERE request_id = r.request_id AND key = ${param(key)} AND ${compileOperator(dialect, raw('value'), false, 'number', operator, value)})`,
  }),
};

/** Feedback as a boolean: true ⇔ a feedback score of 1 exists, false ⇔ one of 0 exists. */
export const feedbackColumn: ScalarColumn = {
  shape: 'scalar',
  kind: 'boolean',
  nullable: true,
  expr: () => raw('NULL'),
  compile: (_dialect, _operator, value) =>
    sql`EXISTS (SELECT 1 FROM request_scores WHERE request_id = r.request_id AND key = ${param(FEEDBACK_SCORE_KEY)} AND value = ${param(value ? 1 : 0)})`,
};

/** When the row's feedback was given (epoch ms), NULL without feedback. */
export const feedbackCreatedAtColumn: ScalarColumn = exprColumn(
  'timestamp',
  () => sql`(SELECT created_at FROM request_scores WHERE request_id = r.request_id AND key = ${param(FEEDBACK_SCORE_KEY)})`,
);
