/**
 * A name (agent, tool) as one segment of a Helicone-Session-Path: no "/" (it would split the
 * segment), nothing an HTTP header cannot carry (control characters and anything outside
 * printable ASCII are percent-encoded), never empty.
 */
const outsidePrintableAscii = /[^\x20-\x7e]/gu;

function encodeChar(char: string): string {
  try {
    return encodeURIComponent(char);
  } catch {
    return '?'; // a lone surrogate
  }
}

export function pathSegment(name: string | undefined, fallback: string): string {
  const cleaned = (name ?? '').trim().replace(/\//g, '-').replace(outsidePrintableAscii, encodeChar);
  return cleaned === '' ? fallback : cleaned;
}
