import type { Readable } from 'node:stream';

/** Longest line accepted: a source's full text (200,000 characters) escaped as JSON fits several times over. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** How much of an over-long line its reject keeps. */
const KEPT_OF_OVERSIZE = 4096;

export interface PhysicalLine {
  /** 1-based line number in the file. */
  line: number;
  /** The text without its terminator (LF or CRLF) and, on line 1, without a UTF-8 BOM. */
  text: string;
  /** False for a last line that ends without a line break (possibly cut off). */
  terminated: boolean;
  /** Longer than MAX_LINE_BYTES: `text` holds only its beginning. */
  oversize: boolean;
  /** The bytes are not valid UTF-8. */
  invalidUtf8: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Splits a byte stream into lines with bounded memory (one line at a time, at most
 * MAX_LINE_BYTES of it). A line break is LF; a CR before it is dropped, so CRLF files read
 * the same. UTF-8 never uses the byte 0x0A inside a character, so splitting bytes is safe.
 */
export async function* readLines(input: Readable, maxBytes = MAX_LINE_BYTES): AsyncGenerator<PhysicalLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let oversize = false;
  let line = 1;
  const take = (piece: Buffer) => {
    if (oversize) return;
    if (size + piece.length > maxBytes) {
      oversize = true;
      parts.push(piece.subarray(0, Math.max(0, KEPT_OF_OVERSIZE - size)));
      return;
    }
    parts.push(piece);
    size += piece.length;
  };
  const emit = (terminated: boolean): PhysicalLine => {
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    let text: string;
    let invalidUtf8 = false;
    try {
      text = decoder.decode(bytes);
    } catch {
      invalidUtf8 = true;
      text = bytes.toString('utf8');
    }
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (line === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
    const result = { line, text: oversize ? text.slice(0, KEPT_OF_OVERSIZE) : text, terminated, oversize, invalidUtf8 };
    parts = [];
    size = 0;
    oversize = false;
    line += 1;
    return result;
  };
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let start = 0;
    for (let at = chunk.indexOf(10, start); at !== -1; at = chunk.indexOf(10, start)) {
      take(chunk.subarray(start, at));
      yield emit(true);
      start = at + 1;
    }
    if (start < chunk.length) take(chunk.subarray(start));
  }
  if (size > 0 || oversize) yield emit(false);
}
