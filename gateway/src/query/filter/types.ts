import type { SqlDialect } from './dialect.js';
import type { CompiledSql } from './sql.js';

export type { CompiledSql } from './sql.js';

/** Which WHERE clause is being built: over rows (`requests r`), sessions (`s`) or users (`u`). */
export type FilterPass = 'row' | 'session' | 'user';

export type LeafTable =
  | 'request_response_rmt'
  | 'request'
  | 'response'
  | 'feedback'
  | 'properties'
  | 'values'
  | 'sessions_request_response_rmt'
  | 'users_view';

export interface CompileOptions {
  /** Leaf tables this endpoint accepts; any other table key is a 400. */
  tables: readonly LeafTable[];
  /** 'row': WHERE over `requests r`; aggregate leaves (sessions_request_response_rmt, users_view) compile to TRUE.
   *  'session' / 'user': WHERE over an aggregated subquery aliased `s` / `u`; row leaves compile to TRUE. */
  pass: FilterPass;
  /** /v1/request/query-clickhouse: a top-level `properties` leaf matches nothing (Helicone's documented behaviour). */
  topLevelPropertiesMatchNothing?: boolean;
  /**
   * For pages read newest first: whether property `key` = `value` is on so many rows that walking
   * the newest rows finds a page sooner than looking up every match (see query/property-density.ts).
   */
  isDenseProperty?: (key: string, value: string) => boolean;
}

/** The value type a column's operators take. */
export type ValueKind = 'text' | 'number' | 'timestamp' | 'boolean';

export type Operator = 'equals' | 'not-equals' | 'like' | 'ilike' | 'contains' | 'not-contains' | 'gte' | 'lte' | 'gt' | 'lt';

/** A checked operator value: text → string, number → number, timestamp → epoch ms, boolean → boolean. */
export type CheckedValue = string | number | boolean;

/** A column with one value: `{column: {operator: value}}`. */
export interface ScalarColumn {
  readonly shape: 'scalar';
  readonly kind: ValueKind;
  /** The SQL expression the generic operator compilation compares. */
  readonly expr: (dialect: SqlDialect) => CompiledSql;
  /** Whether expr can be NULL (not-equals and not-contains then count NULL as a match). */
  readonly nullable: boolean;
  /** Narrows the operators of the kind (e.g. property_key takes only equals). */
  readonly operators?: readonly Operator[];
  /** Replaces the generic compilation for this column. */
  readonly compile?: (dialect: SqlDialect, operator: Operator, value: CheckedValue, options: CompileOptions) => CompiledSql;
}

/** A column keyed by a caller-chosen name: `{column: {<key>: {operator: value}}}` (properties, scores). */
export interface MapColumn {
  readonly shape: 'map';
  readonly kind: ValueKind;
  readonly entry: (key: string) => ScalarColumn;
}

export type ColumnDef = ScalarColumn | MapColumn;

export interface TableDef {
  readonly name: LeafTable;
  /** The pass in which this table's conditions apply; in any other pass the table is TRUE. */
  readonly pass: FilterPass;
  /** Named columns, or a map applied to every key of the table object (top-level properties, values). */
  readonly columns: Readonly<Record<string, ColumnDef>> | MapColumn;
}
