/** A malformed filter or sort: `path` names the offending node, e.g. "filter.left.request_response_rmt.modle". */
export class FilterError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'FilterError';
  }
}

export const quoteList = (names: readonly string[]): string => names.join(', ');
