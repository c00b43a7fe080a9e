import { useEffect, useState } from 'preact/hooks';
import { keyStore } from './key-store.js';

/** Re-renders when the key changes or is asked for; returns the store's current state. */
export function useKeyState(): { needed: string | null; version: number; hasKey: boolean } {
  const [, setTick] = useState(0);
  useEffect(() => keyStore.subscribe(() => setTick((tick) => tick + 1)), []);
  return { needed: keyStore.needed, version: keyStore.version, hasKey: keyStore.has() };
}
