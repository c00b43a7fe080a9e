/**
 * Turning node parameters into values: JSON fields (given as text, or as an object when an
 * expression produced one), dates, and the Helicone headers of the Switchyard options, each
 * invalid value reported as a NodeOperationError that names the field as the UI shows it.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { type HeliconeHeaderOptions, heliconeHeaders } from '../../../gateway/src/client/index.js';

/** A JSON object parameter: `{}` text, or an object an expression produced. Empty text is undefined. */
export function jsonObject(node: INode, field: string, value: unknown, itemIndex: number, example: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    if (value.trim() === '') return undefined;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      throw new NodeOperationError(node, `${field} is not valid JSON: ${(error as Error).message}`, {
        itemIndex,
        description: `Write a JSON object, for example ${example}`,
      });
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new NodeOperationError(node, `${field} must be a JSON object, got ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}`, {
      itemIndex,
      description: `Write a JSON object, for example ${example}`,
    });
  }
  return parsed as Record<string, unknown>;
}

/** An n8n date-time parameter (ISO text, with or without a zone, or a Luxon DateTime) as an ISO string. */
export function isoDate(node: INode, field: string, value: unknown, itemIndex: number): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const date = new Date(typeof value === 'object' && 'toISO' in value && typeof value.toISO === 'function' ? (value.toISO() as string) : String(value));
  if (Number.isNaN(date.getTime())) throw new NodeOperationError(node, `${field} is not a date: "${String(value)}"`, { itemIndex });
  return date.toISOString();
}

/** Runs heliconeHeaders for one field, so that an invalid value is reported under that field's name. */
export function headersFor(node: INode, field: string, options: HeliconeHeaderOptions, itemIndex: number): Record<string, string> {
  try {
    return heliconeHeaders(options);
  } catch (error) {
    throw new NodeOperationError(node, `${field}: ${(error as Error).message}`, { itemIndex });
  }
}

/** A header-safe version of a name the user did not type for a header (workflow and node names). */
export function headerSafe(name: string): string {
  return name.trim().replace(/[^\x20-\x7e]/gu, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return '?';
    }
  });
}

const policyPattern = /^\s*([^;\s]+)\s*;\s*w\s*=\s*([^;\s]+)\s*(?:;\s*u\s*=\s*([^;\s]+)\s*)?(?:;\s*s\s*=\s*([^;]+?)\s*)?$/i;

/**
 * Helicone's rate-limit policy "quota;w=seconds[;u=request|cents][;s=user|property]", checked
 * by the header builder (positive quota, window of at least 60 s, known unit, clean segment).
 */
export function rateLimitHeaders(node: INode, value: string, itemIndex: number): Record<string, string> {
  const match = policyPattern.exec(value);
  const field = 'Rate Limit Policy';
  if (!match) {
    throw new NodeOperationError(node, `${field} must look like "1000;w=3600" (quota;w=window seconds[;u=request|cents][;s=user|<property>]), got "${value}"`, { itemIndex });
  }
  const [, quota, window, unit, segment] = match;
  const rateLimit = {
    quota: Number(quota),
    windowSeconds: Number(window),
    ...(unit !== undefined ? { unit: unit.toLowerCase() as 'request' | 'cents' } : {}),
    ...(segment !== undefined ? { segment } : {}),
  };
  return headersFor(node, field, { rateLimit }, itemIndex);
}
