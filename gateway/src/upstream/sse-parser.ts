/**
 * An incremental server-sent-events parser: bytes in, whole events out, whatever the chunking
 * (events split across reads, several events in one read, \r\n or \n line ends).
 */
import type { SseEvent } from '../providers/types.js';

export class SseParser {
  private readonly decoder = new TextDecoder();
  private buffer = '';

  /** Feeds a piece of the stream; returns the events it completed. */
  push(bytes: Uint8Array): SseEvent[] {
    this.buffer += this.decoder.decode(bytes, { stream: true });
    return this.drain(false);
  }

  /** Ends the stream; returns a last event that had no blank line after it. */
  end(): SseEvent[] {
    this.buffer += this.decoder.decode();
    return this.drain(true);
  }

  private drain(final: boolean): SseEvent[] {
    const events: SseEvent[] = [];
    const text = this.buffer.includes('\r') ? this.buffer.replace(/\r\n?/g, '\n') : this.buffer;
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n\n', start);
      if (end === -1) break;
      const event = parseBlock(text.slice(start, end));
      if (event) events.push(event);
      start = end + 2;
    }
    this.buffer = text.slice(start);
    if (final && this.buffer.trim()) {
      const event = parseBlock(this.buffer);
      if (event) events.push(event);
      this.buffer = '';
    }
    return events;
  }
}

function parseBlock(block: string): SseEvent | undefined {
  let name: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') name = value;
  }
  if (data.length === 0) return undefined;
  return name === undefined ? { data: data.join('\n') } : { event: name, data: data.join('\n') };
}
