/**
 * Splits HQL text into tokens the way SQLite and PostgreSQL both would, or refuses it. Where the
 * two databases could read the same text differently (PostgreSQL's E'…' escapes, U&"…" escapes,
 * $$-quoting, nested comments), the text is refused: a validator that reads a string where the
 * database reads code could be walked around.
 */
import { HqlError } from './hql-error.js';

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct';

export interface Token {
  kind: TokenKind;
  /** A word lower-cased; a quoted identifier's name; a string's or punctuation's text as written. */
  value: string;
  start: number;
  end: number;
}

const wordStart = /[A-Za-z_\u0080-\uffff]/;
const wordPart = /[A-Za-z0-9_$\u0080-\uffff]/;
const digit = /[0-9]/;
const numberPattern = /^(0[xX][0-9A-Fa-f]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/;
/** Operators and punctuation both dialects use; anything else outside a string is refused. */
const punctuation = new Set([...'(),.;*+-/%<>=!|&~^:[]?@#']);

const refuse = (message: string, details: string) => new HqlError('SYNTAX_ERROR', message, details);

/** The index after a quoted run starting at `start` (the quote doubled inside is an escaped quote). */
function closeQuote(sql: string, start: number, quote: string, what: string): number {
  let i = start + 1;
  for (;;) {
    const next = sql.indexOf(quote, i);
    if (next === -1) throw refuse(`Unterminated ${what}`, sql.slice(start, start + 40));
    if (sql[next + 1] === quote) i = next + 2;
    else return next + 1;
  }
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const newline = sql.indexOf('\n', i);
      i = newline === -1 ? sql.length : newline + 1;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close === -1) throw refuse('Unterminated comment', sql.slice(i, i + 40));
      // PostgreSQL nests block comments and SQLite does not: they would disagree on where it ends.
      if (sql.slice(i + 2, close).includes('/*')) throw new HqlError('SQL_INJECTION_ATTEMPT', 'Nested comments are not allowed', sql.slice(i, close + 2));
      i = close + 2;
    } else if (ch === "'") {
      const end = closeQuote(sql, i, "'", 'string');
      const previous = tokens.at(-1);
      // E'…' reads backslash escapes in PostgreSQL (and U&'…' its own); SQLite reads neither.
      if (previous && previous.end === i && previous.kind === 'word' && previous.value.endsWith('e')) {
        throw new HqlError('SQL_INJECTION_ATTEMPT', "Escape string constants (E'…') are not allowed; use standard '…' strings", sql.slice(previous.start, end));
      }
      if (sql[i - 1] === '&') throw new HqlError('SQL_INJECTION_ATTEMPT', "Unicode escape strings (U&'…') are not allowed", sql.slice(i - 2, end));
      tokens.push({ kind: 'string', value: sql.slice(i + 1, end - 1).replaceAll("''", "'"), start: i, end });
      i = end;
    } else if (ch === '"' || ch === '`') {
      const end = closeQuote(sql, i, ch, 'quoted identifier');
      if (sql[i - 1] === '&') throw new HqlError('SQL_INJECTION_ATTEMPT', 'Unicode escape identifiers (U&"…") are not allowed', sql.slice(i - 2, end));
      tokens.push({ kind: 'quoted', value: sql.slice(i + 1, end - 1).replaceAll(ch + ch, ch), start: i, end });
      i = end;
    } else if (wordStart.test(ch)) {
      let end = i + 1;
      while (end < sql.length && wordPart.test(sql[end]!)) end++;
      tokens.push({ kind: 'word', value: sql.slice(i, end).toLowerCase(), start: i, end });
      i = end;
    } else if (digit.test(ch) || (ch === '.' && digit.test(sql[i + 1] ?? ''))) {
      const match = numberPattern.exec(sql.slice(i))!;
      const end = i + match[0].length;
      // PostgreSQL before 15 reads `1from` as `1 from`: a number running into a word is refused.
      if (end < sql.length && wordPart.test(sql[end]!)) throw refuse('A number runs into a word', sql.slice(i, end + 10));
      tokens.push({ kind: 'number', value: sql.slice(i, end), start: i, end });
      i = end;
    } else if (punctuation.has(ch)) {
      tokens.push({ kind: 'punct', value: ch, start: i, end: i + 1 });
      i++;
    } else if (ch === '$') {
      // PostgreSQL's $$…$$ strings and $1 parameters, SQLite's $name parameters: none are needed.
      throw new HqlError('SQL_INJECTION_ATTEMPT', 'Dollar quoting and parameters ($) are not allowed', sql.slice(i, i + 20));
    } else {
      throw refuse('Unexpected character', JSON.stringify(ch));
    }
  }
  return tokens;
}
