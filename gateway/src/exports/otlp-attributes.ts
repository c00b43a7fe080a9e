/**
 * OTLP/JSON attribute values, both ways: `AnyValue` as the protobuf JSON mapping writes it
 * (int64 as a decimal string) and read back leniently (numbers or strings), since exporters differ.
 */
export type AnyValue =
  | { stringValue: string }
  | { intValue: string | number }
  | { doubleValue: number }
  | { boolValue: boolean };

export interface KeyValue {
  key: string;
  value: AnyValue;
}

/** An attribute, or none for null/undefined/non-finite values (OTLP has no null). */
export function attribute(key: string, value: string | number | boolean | null | undefined): KeyValue[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return [{ key, value: { stringValue: value } }];
  if (typeof value === 'boolean') return [{ key, value: { boolValue: value } }];
  if (!Number.isFinite(value)) return [];
  return [{ key, value: Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value } }];
}

/** A received attribute's scalar value: string, int, double or bool; arrays and maps are skipped. */
export function scalarOf(value: Record<string, unknown> | undefined): string | number | boolean | undefined {
  if (!value) return undefined;
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (value.intValue !== undefined) {
    const number = Number(value.intValue);
    return Number.isFinite(number) ? number : undefined;
  }
  if (typeof value.doubleValue === 'number') return value.doubleValue;
  if (typeof value.doubleValue === 'string' && Number.isFinite(Number(value.doubleValue))) return Number(value.doubleValue);
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  return undefined;
}
