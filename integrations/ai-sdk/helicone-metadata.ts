/**
 * Helicone's `extraBody.helicone` as headers, exactly as `@helicone/ai-sdk-provider` maps it
 * (sessionId, userId, properties, tags as `Helicone-Property-Tag-<t>: true`, cache), plus
 * sessionName and sessionPath. Values are validated by the shared header builder.
 */
import { heliconeHeaders } from '../../gateway/src/client/index.js';
import type { HeliconeMetadata } from './types.js';

export function heliconeMetadataHeaders(helicone: HeliconeMetadata | undefined): Record<string, string> {
  if (helicone === undefined) return {};
  if (typeof helicone !== 'object' || helicone === null || Array.isArray(helicone)) throw new TypeError('extraBody.helicone must be an object');
  const { sessionId, sessionName, sessionPath, userId, properties, tags, cache } = helicone;
  if (sessionId === undefined && (sessionName !== undefined || sessionPath !== undefined)) {
    throw new TypeError('extraBody.helicone.sessionName and sessionPath need a sessionId (or use withSession)');
  }
  if (tags !== undefined && !Array.isArray(tags)) throw new TypeError('extraBody.helicone.tags must be an array of strings');
  const tagProperties = Object.fromEntries((tags ?? []).map((tag) => [`Tag-${tag}`, true]));
  const allProperties = { ...properties, ...tagProperties };
  return heliconeHeaders({
    session: sessionId === undefined ? undefined : { id: sessionId, name: sessionName, path: sessionPath },
    userId,
    properties: Object.keys(allProperties).length > 0 ? allProperties : undefined,
    cache,
  });
}
