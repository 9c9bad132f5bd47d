export const MAX_LINE_BYTES = 64 * 1024;

const NEWLINE = 0x0a;

/**
 * Turns a byte stream into lines. Chunks may end mid-line or mid-character; a line longer than
 * `maxBytes` is cut into pieces of at most that size (at a UTF-8 character boundary) so one runaway
 * line cannot grow without bound.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly onLine: (text: string) => void,
    private readonly maxBytes = MAX_LINE_BYTES,
  ) {}

  write(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      this.append(chunk.subarray(start, end));
      if (newline === -1) break;
      this.emit(this.take(this.pendingBytes), true);
      start = newline + 1;
    }
  }

  /** The stream ended: a last line without a newline is still a line. */
  end(): void {
    if (this.pendingBytes > 0) this.emit(this.take(this.pendingBytes), true);
  }

  private append(part: Buffer): void {
    if (part.length === 0) return;
    this.pending.push(part);
    this.pendingBytes += part.length;
    while (this.pendingBytes > this.maxBytes) {
      const joined = this.take(this.pendingBytes);
      const cut = utf8Boundary(joined, this.maxBytes);
      this.emit(joined.subarray(0, cut), false);
      this.pending = [joined.subarray(cut)];
      this.pendingBytes = joined.length - cut;
    }
  }

  private take(bytes: number): Buffer {
    const joined = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, bytes);
    this.pending = [];
    this.pendingBytes = 0;
    return joined;
  }

  private emit(bytes: Buffer, complete: boolean): void {
    // CRLF output (Windows tools, some progress bars) should not leave a stray \r on every line.
    const end = complete && bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    this.onLine(bytes.toString("utf8", 0, end));
  }
}

/** The largest cut ≤ limit that does not split a multi-byte character. */
function utf8Boundary(bytes: Buffer, limit: number): number {
  let cut = limit;
  // Continuation bytes look like 10xxxxxx; step back to the start of the character (at most 3 bytes).
  while (cut > limit - 4 && cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return cut > 0 ? cut : limit;
}
