/** E2: the names of the scores given to logged requests (feedback's helicone-score-feedback among them). */
import type { SqlClient } from '../store/sql-client.js';

export async function scoreNames(db: SqlClient): Promise<string[]> {
  // Only scores of logged requests: a score given ahead for a predefined request id counts once that request is logged.
  const rows = await db.all<{ name: string }>(
    'SELECT DISTINCT s.key AS name FROM request_scores s WHERE EXISTS (SELECT 1 FROM requests r WHERE r.request_id = s.request_id) ORDER BY 1',
  );
  return rows.map((row) => row.name);
}
