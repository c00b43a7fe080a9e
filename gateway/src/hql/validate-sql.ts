/**
 * The HQL gate: one read-only SELECT over request_response_rmt, or an [HQL_…] error naming what
 * was refused. It reads just enough SQL to be strict: the first word, every word that would write
 * or change the connection, every function called (an allowlist), every name after FROM or JOIN
 * (the view, the query's own WITH names, a subquery or a table function), and every name against
 * the store's own tables and schemas (refused wherever it appears). The database then runs the
 * query read-only as well (run-sqlite.ts, run-postgres.ts).
 */
import { HqlError } from './hql-error.js';
import { allowedFunctions, clauseKeywords, isSystemName, queryKeywords, tableFunctions, writeKeywords } from './sql-words.js';
import { type Token, tokenize } from './tokenize.js';
import { viewColumnNames, viewName } from './view.js';

export const maxSqlLength = 100_000;

export interface ValidatedSql {
  /** The statement without a trailing semicolon. */
  sql: string;
  tokens: Token[];
}

const isName = (token: Token | undefined): token is Token => token !== undefined && (token.kind === 'quoted' || (token.kind === 'word' && !queryKeywords.has(token.value)));
const isPunct = (token: Token | undefined, value: string) => token?.kind === 'punct' && token.value === value;
const isWord = (token: Token | undefined, value: string) => token?.kind === 'word' && token.value === value;
const shown = (token: Token) => (token.kind === 'quoted' ? `"${token.value}"` : token.value);

/** The index of the parenthesis closing the one at `open`, or -1. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return -1;
}

/** `name AS (`, `name AS [NOT] MATERIALIZED (` or `name (columns) AS (`: a WITH definition. */
function definesCte(tokens: Token[], i: number): boolean {
  let next = i + 1;
  if (isPunct(tokens[next], '(')) {
    const close = closing(tokens, next);
    if (close === -1) return false;
    next = close + 1;
  }
  if (!isWord(tokens[next], 'as')) return false;
  next++;
  if (isWord(tokens[next], 'not')) next++;
  if (isWord(tokens[next], 'materialized')) next++;
  return isPunct(tokens[next], '(');
}

/** One statement: a semicolon may only end the text. */
function singleStatement(sql: string, tokens: Token[]): ValidatedSql {
  const semicolon = tokens.findIndex((token) => isPunct(token, ';'));
  if (semicolon === -1) return { sql, tokens };
  if (semicolon < tokens.length - 1) {
    throw new HqlError('INVALID_STATEMENT', 'Only one statement is allowed', sql.slice(tokens[semicolon + 1]!.start, tokens[semicolon + 1]!.start + 60));
  }
  return { sql: sql.slice(0, tokens[semicolon]!.start), tokens: tokens.slice(0, semicolon) };
}

/**
 * Checks `text`; `storeNames` are the store's tables, views, indexes and schemas, lower-cased
 * (catalog-names.ts): none may be named, wherever it appears.
 */
export function validateSql(text: unknown, storeNames: ReadonlySet<string>): ValidatedSql {
  if (typeof text !== 'string' || text.trim() === '') throw new HqlError('MISSING_QUERY_SQL', 'No SQL given', 'send {"sql": "SELECT … FROM request_response_rmt"}');
  if (text.length > maxSqlLength) throw new HqlError('SYNTAX_ERROR', 'The query is too long', `${text.length} characters; at most ${maxSqlLength}`);
  if (text.includes('\0')) throw new HqlError('SQL_INJECTION_ATTEMPT', 'The query holds a NUL character');
  const { sql, tokens } = singleStatement(text, tokenize(text));
  const first = tokens[0];
  if (!first) throw new HqlError('MISSING_QUERY_SQL', 'No SQL given', 'the text holds only comments');
  if (!(first.kind === 'word' && ['select', 'with', 'values'].includes(first.value))) {
    throw new HqlError('INVALID_STATEMENT', 'Only SELECT queries are allowed', `the query starts with ${shown(first)}`);
  }

  const cteNames = new Set<string>();
  for (let i = 0; i < tokens.length; i++) if (isName(tokens[i]) && definesCte(tokens, i)) cteNames.add(tokens[i]!.value.toLowerCase());
  if (cteNames.has(viewName)) throw new HqlError('INVALID_STATEMENT', `${viewName} is already defined`, 'give your WITH query another name');
  // Column and table aliases (`COUNT(*) AS requests`) may reuse a store table's name: they only
  // ever name a value here, since FROM takes nothing but the view, WITH names and subqueries, and
  // the other ways to name a table in an expression (`x IN table`, `TABLE x`) are refused below.
  const aliases = new Set<string>();
  for (let i = 1; i < tokens.length; i++) if (isWord(tokens[i - 1], 'as') && isName(tokens[i]) && !isPunct(tokens[i + 1], '(')) aliases.add(tokens[i]!.value.toLowerCase());

  // Per parenthesis depth: whether a SELECT opened there, and whether its FROM list is being read.
  const isQuery: boolean[] = [false];
  const inFrom: boolean[] = [false];
  let depth = 0;
  let expectTable = false;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const name = token.value.toLowerCase();

    if (token.kind === 'word' && writeKeywords.has(name)) {
      throw new HqlError('INVALID_STATEMENT', 'Only read-only SELECT queries are allowed', `${name.toUpperCase()} is not allowed`);
    }
    if (isWord(token, 'in') && next !== undefined && !isPunct(next, '(')) {
      throw new HqlError('INVALID_STATEMENT', 'IN takes a parenthesised list or subquery', `IN ${shown(next)}`);
    }
    const known = name === viewName || viewColumnNames.has(name) || aliases.has(name);
    if ((token.kind === 'quoted' || (token.kind === 'word' && !queryKeywords.has(name))) && !known && (isSystemName(name) || storeNames.has(name))) {
      throw new HqlError('INVALID_TABLE', `Only ${viewName} can be queried`, `${shown(token)} is not available`);
    }
    const called = isPunct(next, '(');
    if (called && isName(token) && !cteNames.has(name)) {
      if (token.kind === 'quoted' || !allowedFunctions.has(name)) throw new HqlError('INVALID_STATEMENT', 'Function not allowed', shown(token));
    }

    if (expectTable) {
      expectTable = false;
      if (isWord(token, 'lateral')) expectTable = true;
      else if (isPunct(token, '(')) {
        // a subquery or a parenthesised join: its own depth, checked as it is read
      } else if (isName(token) && called && tableFunctions.has(name)) {
        // a table function over the view's columns
      } else if (isName(token) && (name === viewName || cteNames.has(name)) && !isPunct(next, '.')) {
        // the view, or a WITH query of this statement
      } else {
        throw new HqlError('INVALID_TABLE', `Only ${viewName} can be queried`, `FROM ${shown(token)}`);
      }
    }

    if (isPunct(token, '(')) {
      depth++;
      isQuery[depth] = false;
      inFrom[depth] = false;
    } else if (isPunct(token, ')')) {
      if (depth === 0) throw new HqlError('SYNTAX_ERROR', 'Unbalanced parentheses', 'a ) closes nothing');
      depth--;
    } else if (token.kind === 'word') {
      if (name === 'select' || name === 'values') isQuery[depth] = true;
      if (name === 'from' && isQuery[depth] && !isWord(tokens[i - 1], 'distinct')) {
        inFrom[depth] = true;
        expectTable = true;
      } else if (name === 'join') {
        expectTable = true;
      } else if (clauseKeywords.has(name)) {
        inFrom[depth] = false;
      }
    } else if (isPunct(token, ',') && inFrom[depth]) {
      expectTable = true;
    }
  }
  if (depth !== 0) throw new HqlError('SYNTAX_ERROR', 'Unbalanced parentheses', 'a ( is never closed');
  if (expectTable) throw new HqlError('SYNTAX_ERROR', 'The query ends where a table was expected', `FROM ${viewName}`);
  return { sql, tokens };
}
