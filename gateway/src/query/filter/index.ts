/**
 * Helicone's filter language and sort leaves compiled to parameterised SQL in a store's dialect
 * (rest-api-spec §2). Every user value and every property/score key is a `?` parameter; column
 * names come only from this module's fixed maps.
 */
export { compileFilter } from './compile.js';
export { compileRequestSort, compileUserSort } from './sort.js';
export { FilterError } from './errors.js';
export type { CompiledSql, CompileOptions, FilterPass, LeafTable } from './types.js';
