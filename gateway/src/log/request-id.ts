/**
 * Request ids the gateway gives: UUID version 7 (RFC 9562), the millisecond time first, then
 * random bits. Ids made one after another sort together, so each new row lands at the end of the
 * store's id indexes instead of at a random page of them, which keeps inserts fast as the log
 * grows. They are still ordinary UUIDs to every client.
 */
import { randomFillSync } from 'node:crypto';

const random = new Uint8Array(10);

export function newRequestId(now = Date.now()): string {
  randomFillSync(random);
  const time = now.toString(16).padStart(12, '0');
  const hex = (from: number, to: number) => Array.from(random.subarray(from, to), (byte) => byte.toString(16).padStart(2, '0')).join('');
  // version 7 in the 13th digit, variant 10xx in the 17th
  const versioned = `7${hex(0, 2).slice(1)}`;
  const variant = ((random[2]! & 0x3f) | 0x80).toString(16).padStart(2, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-${versioned}-${variant}${hex(3, 4)}-${hex(4, 10)}`;
}
