/**
 * The filter tree walk (rest-api-spec §2.1): "all" | leaf | {left, operator, right}, compiled to
 * one parameterised WHERE expression for one pass. Every malformed node is a FilterError naming
 * its path; nothing is silently ignored.
 */
import { sessionsTable, usersTable } from './columns-aggregate.js';
import { legacyFeedback, legacyProperties, legacyRequest, legacyResponse, legacyValues } from './columns-legacy.js';
import { requestResponseRmt } from './columns-request.js';
import { type SqlDialect, sqliteDialect } from './dialect.js';
import { FilterError, quoteList } from './errors.js';
import { checkOperator, checkValue, columnOperators, compileOperator, describe } from './operators.js';
import { type CompiledSql, join } from './sql.js';
import type { CompileOptions, FilterPass, LeafTable, MapColumn, ScalarColumn, TableDef } from './types.js';

/** Deepest allowed node (the root is depth 1). */
export const MAX_FILTER_DEPTH = 50;
/** Most leaves (including "all") in one tree. */
export const MAX_FILTER_LEAVES = 2000;
/** Most column conditions in one tree (leaves may hold several). */
export const MAX_FILTER_CONDITIONS = 10_000;
/** SQLite's default bound-parameter limit is 32766. */
const MAX_PARAMS = 32_000;

export const tableDefs: Readonly<Record<LeafTable, TableDef>> = {
  request_response_rmt: requestResponseRmt,
  request: legacyRequest,
  response: legacyResponse,
  feedback: legacyFeedback,
  properties: legacyProperties,
  values: legacyValues,
  sessions_request_response_rmt: sessionsTable,
  users_view: usersTable,
};

const BRANCH_KEYS = ['left', 'operator', 'right'] as const;

interface Walk {
  readonly options: CompileOptions;
  readonly dialect: SqlDialect;
  leaves: number;
  conditions: number;
}

export function compileFilter(node: unknown, options: CompileOptions, dialect: SqlDialect = sqliteDialect): CompiledSql {
  const walk: Walk = { options, dialect, leaves: 0, conditions: 0 };
  const compiled = compileNode(walk, node, 'filter', 1);
  if (compiled.params.length > MAX_PARAMS) {
    throw new FilterError('filter', `Filter too large: it needs ${compiled.params.length} parameters; at most ${MAX_PARAMS}`);
  }
  return compiled;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function compileNode(walk: Walk, node: unknown, path: string, depth: number): CompiledSql {
  if (depth > MAX_FILTER_DEPTH) {
    throw new FilterError(path, `Filter nested too deeply at ${path}: at most ${MAX_FILTER_DEPTH} levels`);
  }
  if (!isPlainObject(node)) {
    if (node === 'all') {
      countLeaf(walk, path);
      return walk.dialect.true;
    }
    throw new FilterError(
      path,
      `Invalid filter node at ${path}: expected "all", a leaf {<table>: {<column>: {<operator>: value}}} or a branch {left, operator, right}; got ${describe(node)}`,
    );
  }
  if (BRANCH_KEYS.some((key) => Object.hasOwn(node, key))) return compileBranch(walk, node, path, depth);
  return compileLeaf(walk, node, path);
}

function compileBranch(walk: Walk, node: Record<string, unknown>, path: string, depth: number): CompiledSql {
  for (const key of Object.keys(node)) {
    if (!(BRANCH_KEYS as readonly string[]).includes(key)) {
      throw new FilterError(`${path}.${key}`, `Unexpected key "${key}" in branch at ${path}; a branch has exactly: ${quoteList(BRANCH_KEYS)}`);
    }
  }
  for (const key of BRANCH_KEYS) {
    if (!Object.hasOwn(node, key)) {
      throw new FilterError(`${path}.${key}`, `Branch at ${path} is missing "${key}"; a branch has exactly: ${quoteList(BRANCH_KEYS)}`);
    }
  }
  const operator = node.operator;
  if (operator !== 'and' && operator !== 'or') {
    throw new FilterError(`${path}.operator`, `Invalid branch operator ${describe(operator)} at ${path}.operator; valid operators: and, or`);
  }
  const left = compileNode(walk, node.left, `${path}.left`, depth + 1);
  const right = compileNode(walk, node.right, `${path}.right`, depth + 1);
  // Row leaves apply before grouping and aggregate leaves after: an "or" across the two has no
  // single place to be evaluated, so it is refused rather than read as "no filter".
  if (operator === 'or' && new Set([...passesOf(node.left), ...passesOf(node.right)]).size > 1) {
    throw new FilterError(
      `${path}.operator`,
      `An "or" at ${path} mixes request leaves with session or user leaves, which apply to totals after grouping; use "and", or run two queries`,
    );
  }
  return join([{ sql: '(', params: [] }, left, { sql: ` ${operator.toUpperCase()} `, params: [] }, right, { sql: ')', params: [] }], '');
}

/** The passes whose leaves a (validated) subtree uses. */
function passesOf(node: unknown): Set<FilterPass> {
  const passes = new Set<FilterPass>();
  if (!isPlainObject(node)) return passes;
  if (BRANCH_KEYS.some((key) => Object.hasOwn(node, key))) {
    for (const pass of [...passesOf(node.left), ...passesOf(node.right)]) passes.add(pass);
    return passes;
  }
  for (const [tableName, columns] of Object.entries(node)) {
    if (Object.hasOwn(tableDefs, tableName) && isPlainObject(columns) && Object.keys(columns).length > 0) passes.add(tableDefs[tableName as LeafTable].pass);
  }
  return passes;
}

function countLeaf(walk: Walk, path: string): void {
  walk.leaves += 1;
  if (walk.leaves > MAX_FILTER_LEAVES) {
    throw new FilterError(path, `Filter has too many leaves at ${path}: at most ${MAX_FILTER_LEAVES}`);
  }
}

function compileLeaf(walk: Walk, leaf: Record<string, unknown>, path: string): CompiledSql {
  countLeaf(walk, path);
  const allowed = walk.options.tables;
  const parts: CompiledSql[] = [];
  for (const [tableName, tableValue] of Object.entries(leaf)) {
    const tablePath = `${path}.${tableName}`;
    if (!Object.hasOwn(tableDefs, tableName)) {
      throw new FilterError(tablePath, `Unknown table "${tableName}" at ${path}; valid tables: ${quoteList(allowed)}`);
    }
    const table = tableDefs[tableName as LeafTable];
    if (!allowed.includes(table.name)) {
      throw new FilterError(tablePath, `Table "${tableName}" is not accepted by this endpoint at ${path}; valid tables: ${quoteList(allowed)}`);
    }
    const conditions = compileTable(walk, table, tableValue, tablePath);
    // Validated in every pass, applied only in its own.
    if (table.pass !== walk.options.pass || conditions.length === 0) continue;
    if (table.name === 'properties' && walk.options.topLevelPropertiesMatchNothing) parts.push(walk.dialect.false);
    else parts.push(...conditions);
  }
  if (parts.length === 0) return walk.dialect.true;
  if (parts.length === 1) return parts[0]!;
  return join([{ sql: '(', params: [] }, join(parts, ' AND '), { sql: ')', params: [] }], '');
}

function compileTable(walk: Walk, table: TableDef, value: unknown, path: string): CompiledSql[] {
  if (!isPlainObject(value)) {
    throw new FilterError(path, `Invalid table "${table.name}" at ${path}: expected an object of columns, got ${describe(value)}`);
  }
  const columns = table.columns;
  if (isMapColumn(columns)) return compileMap(walk, columns, value, path, table.name);
  const conditions: CompiledSql[] = [];
  for (const [columnName, condition] of Object.entries(value)) {
    const columnPath = `${path}.${columnName}`;
    if (!Object.hasOwn(columns, columnName)) {
      throw new FilterError(
        columnPath,
        `Unknown column "${columnName}" in ${table.name} at ${path}; valid columns: ${quoteList(Object.keys(columns))}`,
      );
    }
    const column = columns[columnName]!;
    if (column.shape === 'map') conditions.push(...compileMap(walk, column, condition, columnPath, `${table.name}.${columnName}`));
    else conditions.push(...compileScalar(walk, column, condition, columnPath, `column "${columnName}"`));
  }
  return conditions;
}

const isMapColumn = (columns: TableDef['columns']): columns is MapColumn =>
  (columns as Partial<MapColumn>).shape === 'map' && typeof (columns as Partial<MapColumn>).entry === 'function';

function compileMap(walk: Walk, map: MapColumn, value: unknown, path: string, where: string): CompiledSql[] {
  if (!isPlainObject(value)) {
    throw new FilterError(path, `Invalid ${where} at ${path}: expected {<key>: {<operator>: value}}, got ${describe(value)}`);
  }
  const conditions: CompiledSql[] = [];
  for (const [key, condition] of Object.entries(value)) {
    conditions.push(...compileScalar(walk, map.entry(key), condition, `${path}.${key}`, `key "${key}" of ${where}`));
  }
  return conditions;
}

function compileScalar(walk: Walk, column: ScalarColumn, condition: unknown, path: string, where: string): CompiledSql[] {
  if (!isPlainObject(condition)) {
    throw new FilterError(
      path,
      `Invalid condition for ${where} at ${path}: expected {<operator>: value} with an operator among: ${quoteList(columnOperators(column))}; got ${describe(condition)}`,
    );
  }
  const conditions: CompiledSql[] = [];
  for (const [operatorName, raw] of Object.entries(condition)) {
    const operatorPath = `${path}.${operatorName}`;
    const operator = checkOperator(column, operatorName, operatorPath, where);
    const value = checkValue(column.kind, raw, operatorPath);
    walk.conditions += 1;
    if (walk.conditions > MAX_FILTER_CONDITIONS) {
      throw new FilterError(operatorPath, `Filter has too many conditions at ${operatorPath}: at most ${MAX_FILTER_CONDITIONS}`);
    }
    conditions.push(
      column.compile
        ? column.compile(walk.dialect, operator, value, walk.options)
        : compileOperator(walk.dialect, column.expr(walk.dialect), column.nullable, column.kind, operator, value),
    );
  }
  return conditions;
}
