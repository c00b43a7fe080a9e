/**
 * The AI SDK lowercases every header name before calling fetch. Header names are
 * case-insensitive, but the gateway (like Helicone) keeps a custom property's name as the client
 * wrote it, so `properties: { Environment }` should arrive as `Helicone-Property-Environment`,
 * not `helicone-property-environment`. This fetch gives the model's header names their spelling back.
 */
export function withHeaderCase(names: Iterable<string>, base: typeof fetch): typeof fetch {
  const spelling = new Map<string, string>();
  for (const name of names) spelling.set(name.toLowerCase(), name);
  return (input, init) => {
    if (!init?.headers || spelling.size === 0) return base(input, init);
    const headers: Array<[string, string]> = [];
    new Headers(init.headers).forEach((value, name) => headers.push([spelling.get(name) ?? name, value]));
    return base(input, { ...init, headers });
  };
}
