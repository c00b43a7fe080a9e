/**
 * Request ids the gateway gives: UUID version 7 (RFC 9562), the millisecond time first, then
 * random bits. Ids made one after another sort together, so each new row lands at the end of the
 * store's id indexes instead of at a random page of them, which keeps inserts fast as the log
 * grows. They are still ordinary UUIDs to every client.
 */
import { randomFillSync } from 'node:crypto';

const hexOf = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
// Random bytes are drawn 10 per id from a pool refilled in one call, not one call an id.
const pool = new Uint8Array(4096);
let used = pool.length;

export function newRequestId(now = Date.now()): string {
  if (used + 10 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const b = pool.subarray(used, used + 10);
  used += 10;
  const time = now.toString(16).padStart(12, '0');
  // version 7 in the 13th digit, variant 10xx in the 17th
  const version = `7${hexOf[b[0]!]![1]}${hexOf[b[1]!]}`;
  const variant = hexOf[(b[2]! & 0x3f) | 0x80]! + hexOf[b[3]!]!;
  const rest = hexOf[b[4]!]! + hexOf[b[5]!]! + hexOf[b[6]!]! + hexOf[b[7]!]! + hexOf[b[8]!]! + hexOf[b[9]!]!;
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-${version}-${variant}-${rest}`;
}
