/**
 * Helicone's HQL errors: `[HQL_<CODE>] <message>: <details>`, each code with the HTTP status
 * Helicone gives it (rest-api-spec §4.8), so clients that read the code keep working.
 */
import { GatewayError } from '../contract/errors.js';

const statusByCode = {
  INVALID_STATEMENT: 400,
  INVALID_TABLE: 400,
  SYNTAX_ERROR: 400,
  SQL_INJECTION_ATTEMPT: 400,
  MISSING_QUERY_SQL: 400,
  MISSING_QUERY_NAME: 400,
  QUERY_NAME_TOO_LONG: 400,
  QUERY_NOT_FOUND: 404,
  QUERY_NAME_EXISTS: 409,
  QUERY_TIMEOUT: 503,
  ROW_LIMIT_EXCEEDED: 503,
} as const;

export type HqlCode = keyof typeof statusByCode;

export class HqlError extends Error {
  constructor(
    readonly code: HqlCode,
    readonly reason: string,
    readonly details?: string,
  ) {
    super(`[HQL_${code}] ${reason}${details === undefined ? '' : `: ${details}`}`);
    this.name = 'HqlError';
  }

  get status(): number {
    return statusByCode[this.code];
  }

  /** As the query API answers it: `{data: null, error: "[HQL_…] …"}` with the code's status. */
  toGatewayError(): GatewayError {
    return new GatewayError(this.status, `hql_${this.code.toLowerCase()}`, this.message);
  }
}
