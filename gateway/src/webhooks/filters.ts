/**
 * Which requests a webhook receives: its sample rate (percent of requests) and its property
 * filters, every one of which must match. Keys are matched case-insensitively (clients send
 * `Helicone-Property-Environment`, headers arrive lowercased on some paths; rest-api-spec §4.2),
 * values exactly.
 */
export interface PropertyFilter {
  key: string;
  value: string;
}

export function matchesProperties(properties: Readonly<Record<string, string>>, filters: readonly PropertyFilter[]): boolean {
  if (filters.length === 0) return true;
  const byKey = new Map<string, string>();
  for (const [key, value] of Object.entries(properties)) byKey.set(key.toLowerCase(), value);
  return filters.every((filter) => byKey.get(filter.key.toLowerCase()) === filter.value);
}

/**
 * `roll` is uniform in [0, 1). A rate of 0 never passes and 100 always does (the roll is below 1,
 * so roll × 100 is below 100).
 */
export function sampled(sampleRate: number, roll: number): boolean {
  return roll * 100 < sampleRate;
}
