/**
 * Some MCP clients send object parameters as JSON strings; each object parameter accepts both.
 * A string that is not JSON is passed on unchanged, so the schema rejects it with its own message
 * (and the filter literal "all" stays a string).
 */
import { z } from 'zod';

export function jsonParam<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => {
    if (typeof value !== 'string' || value === 'all') return value;
    const text = value.trim();
    if (!text.startsWith('{') && !text.startsWith('[')) return value;
    try {
      return JSON.parse(text);
    } catch {
      return value;
    }
  }, schema);
}
