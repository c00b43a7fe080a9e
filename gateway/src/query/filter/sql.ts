/**
 * A tiny SQL fragment builder. A fragment is SQL text plus the parameters its `?` placeholders
 * take, in order. The `sql` tag only accepts fragments and `param()` values as interpolations, so
 * a user value can never be spliced into the text by accident: it always becomes a `?`.
 */
export interface CompiledSql {
  sql: string;
  params: unknown[];
}

/** A value bound to one `?` placeholder. */
export class Param {
  constructor(readonly value: unknown) {}
}

export const param = (value: unknown): Param => new Param(value);

/** Fixed SQL text from this module's own tables. Never pass a user value. */
export const raw = (text: string): CompiledSql => ({ sql: text, params: [] });

export function sql(strings: TemplateStringsArray, ...values: Array<CompiledSql | Param>): CompiledSql {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((value, index) => {
    if (value instanceof Param) {
      text += '?';
      params.push(value.value);
    } else {
      text += value.sql;
      params.push(...value.params);
    }
    text += strings[index + 1]!;
  });
  return { sql: text, params };
}

/** Joins fragments with a fixed separator (" AND ", ", ", ...). */
export function join(parts: readonly CompiledSql[], separator: string): CompiledSql {
  return { sql: parts.map((part) => part.sql).join(separator), params: parts.flatMap((part) => part.params) };
}
