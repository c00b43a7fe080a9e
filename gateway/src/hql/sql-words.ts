/**
 * The words HQL knows: keywords a read-only query may use, keywords only a write or a change of
 * the connection uses, and the functions a query may call. Anything called that is not listed is
 * refused, because some database functions run SQL given as text (PostgreSQL's query_to_xml,
 * ts_stat) or touch files (pg_read_file, SQLite's load_extension).
 */

/** Statements and clauses that write, change the schema or the connection, or reach files. */
export const writeKeywords = new Set([
  'insert', 'update', 'delete', 'merge', 'upsert', 'into', 'create', 'drop', 'alter', 'attach', 'detach', 'pragma',
  'vacuum', 'reindex', 'analyze', 'analyse', 'truncate', 'grant', 'revoke', 'copy', 'set', 'reset', 'begin', 'commit',
  'rollback', 'savepoint', 'release', 'lock', 'execute', 'prepare', 'deallocate', 'do', 'call', 'listen', 'notify',
  'unlisten', 'declare', 'fetch', 'load', 'import', 'refresh', 'cluster', 'checkpoint', 'discard', 'returning', 'explain',
  // PostgreSQL's `TABLE name` reads a whole table without FROM.
  'table',
]);

/** Keywords of a SELECT (never checked against table names; may stand before a parenthesis). */
export const queryKeywords = new Set([
  'select', 'from', 'where', 'group', 'by', 'having', 'order', 'limit', 'offset', 'union', 'intersect', 'except', 'all',
  'distinct', 'as', 'on', 'using', 'join', 'inner', 'left', 'right', 'full', 'outer', 'cross', 'natural', 'lateral', 'with',
  'recursive', 'materialized', 'not', 'and', 'or', 'in', 'exists', 'is', 'null', 'true', 'false', 'like', 'ilike', 'glob',
  'between', 'case', 'when', 'then', 'else', 'end', 'cast', 'asc', 'desc', 'nulls', 'first', 'last', 'over', 'partition',
  'window', 'rows', 'range', 'groups', 'unbounded', 'preceding', 'following', 'current', 'row', 'filter', 'within',
  'values', 'any', 'some', 'escape', 'collate', 'interval', 'extract', 'epoch', 'year', 'month', 'week', 'day', 'hour',
  'minute', 'second', 'at', 'time', 'zone', 'timestamp', 'date', 'array', 'similar', 'to', 'both', 'leading', 'trailing',
  'for', 'only', 'ties', 'next', 'exclude', 'others', 'no', 'isnull', 'notnull', 'regexp', 'match', 'boolean', 'integer',
  'int', 'bigint', 'real', 'double', 'precision', 'text', 'varchar', 'numeric', 'decimal', 'float', 'timestamptz', 'jsonb',
  'json', 'current_date', 'current_timestamp', 'current_time', 'localtime', 'localtimestamp',
]);

/** Clause keywords that end a FROM list at their depth. */
export const clauseKeywords = new Set(['where', 'group', 'having', 'order', 'limit', 'offset', 'window', 'union', 'intersect', 'except', 'fetch', 'for', 'select']);

/** Functions that may stand in FROM (table-valued), over the view's columns. */
export const tableFunctions = new Set([
  'json_each', 'json_tree', 'jsonb_each', 'jsonb_each_text', 'json_each_text', 'jsonb_array_elements', 'jsonb_array_elements_text',
  'json_array_elements', 'json_array_elements_text', 'jsonb_object_keys', 'json_object_keys', 'generate_series', 'unnest',
]);

/** Scalar, aggregate and window functions of SQLite and PostgreSQL that read only their arguments. */
export const allowedFunctions = new Set([
  ...tableFunctions,
  // aggregates
  'count', 'sum', 'avg', 'min', 'max', 'total', 'group_concat', 'string_agg', 'array_agg', 'json_agg', 'jsonb_agg',
  'json_object_agg', 'jsonb_object_agg', 'json_group_array', 'json_group_object', 'bool_and', 'bool_or', 'every',
  'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp', 'percentile_cont', 'percentile_disc', 'mode',
  'median', 'corr', 'covar_pop', 'covar_samp',
  // window
  'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value', 'nth_value',
  // numbers
  'abs', 'round', 'ceil', 'ceiling', 'floor', 'trunc', 'sign', 'sqrt', 'power', 'pow', 'exp', 'ln', 'log', 'log10', 'log2',
  'mod', 'div', 'greatest', 'least', 'random', 'pi',
  // text
  'lower', 'upper', 'length', 'char_length', 'character_length', 'octet_length', 'substr', 'substring', 'trim', 'ltrim',
  'rtrim', 'btrim', 'replace', 'instr', 'strpos', 'position', 'concat', 'concat_ws', 'printf', 'format', 'left', 'right',
  'split_part', 'starts_with', 'reverse', 'repeat', 'lpad', 'rpad', 'initcap', 'regexp_replace', 'regexp_match',
  'regexp_matches', 'regexp_like', 'unicode', 'char', 'chr', 'ascii', 'hex', 'quote', 'md5', 'translate',
  // null handling, types
  'coalesce', 'ifnull', 'nullif', 'iif', 'typeof', 'likely', 'unlikely', 'likelihood', 'to_number',
  // time
  'date', 'time', 'datetime', 'julianday', 'unixepoch', 'strftime', 'timediff', 'now', 'date_trunc', 'date_part', 'date_bin',
  'to_char', 'to_timestamp', 'to_date', 'age', 'make_interval', 'make_date', 'make_timestamp', 'make_timestamptz',
  'extract', 'timezone', 'clock_timestamp', 'statement_timestamp', 'transaction_timestamp',
  // JSON
  'json', 'jsonb', 'json_extract', 'jsonb_extract', 'json_type', 'json_valid', 'json_array_length', 'json_object',
  'json_array', 'json_quote', 'json_patch', 'json_remove', 'json_insert', 'json_replace', 'json_set', 'jsonb_typeof',
  'json_typeof', 'jsonb_array_length', 'jsonb_extract_path', 'jsonb_extract_path_text', 'json_extract_path',
  'json_extract_path_text', 'jsonb_build_object', 'json_build_object', 'jsonb_build_array', 'json_build_array',
  'jsonb_strip_nulls', 'jsonb_pretty', 'to_json', 'to_jsonb', 'jsonb_path_query_first', 'jsonb_path_exists', 'array_length',
  'cardinality', 'array_to_string',
]);

/** Names that reach outside the view: system catalogs, schemas, and function families refused as a whole. */
export function isSystemName(name: string): boolean {
  return (
    /^(sqlite_|pg_|xml|lo_|dblink|information_schema)/.test(name) ||
    ['main', 'temp', 'temporary', 'public', 'query_to_xml', 'ts_stat', 'current_setting', 'set_config', 'load_extension', 'readfile', 'writefile', 'fts3_tokenizer'].includes(name)
  );
}
