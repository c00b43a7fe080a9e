/**
 * An incremental server-sent-events parser: bytes in, whole events out, whatever the chunking
 * (events split across reads, several events in one read, \r\n or \n line ends, a \r\n split
 * between two reads).
 */
import type { SseEvent } from '../providers/types.js';

export class SseParser {
  private readonly decoder = new TextDecoder();
  /** Text of events not yet complete, with line ends normalised to \n. */
  private buffer = '';
  /** A \r that ended the last read: it may be the first half of a \r\n. */
  private pendingCr = false;

  /** Feeds a piece of the stream; returns the events it completed. */
  push(bytes: Uint8Array): SseEvent[] {
    return this.append(this.decoder.decode(bytes, { stream: true }), false);
  }

  /** Ends the stream; returns a last event that had no blank line after it. */
  end(): SseEvent[] {
    return this.append(this.decoder.decode(), true);
  }

  private append(text: string, final: boolean): SseEvent[] {
    if (this.pendingCr) text = `\r${text}`;
    this.pendingCr = !final && text.endsWith('\r');
    if (this.pendingCr) text = text.slice(0, -1);
    // Only the new text needs scanning, plus one character before it for a "\n\n" across reads.
    const scanFrom = Math.max(0, this.buffer.length - 1);
    this.buffer += text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;

    const events: SseEvent[] = [];
    let start = 0;
    for (let end = this.buffer.indexOf('\n\n', scanFrom); end !== -1; end = this.buffer.indexOf('\n\n', start)) {
      const event = parseBlock(this.buffer.slice(start, end));
      if (event) events.push(event);
      start = end + 2;
    }
    this.buffer = this.buffer.slice(start);
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
