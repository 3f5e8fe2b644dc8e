import { formatBytes } from "./format-bytes";

/**
 * The asciicast v2 writer (the asciinema file format): a header line of JSON, then one JSON array
 * per event, `[seconds, code, data]`, each on its own line. Codes: "o" output, "i" input, "r"
 * resize ("COLSxROWS"), "m" marker. Pure: the caller passes the time, the writer keeps the
 * encoding state and the size cap.
 *
 * - Terminal bytes are not text: a batch may end inside a UTF-8 sequence. Each stream (output,
 *   input) has its own streaming decoder, so a character split across batches is written whole in
 *   the event that completes it; bytes that are not UTF-8 become U+FFFD, as asciinema's recorder does.
 * - JSON.stringify escapes quotes, backslashes, control characters (ESC as \u001b) and lone
 *   surrogates, so every line is one valid JSON value and no data can start a new line.
 * - Times are seconds since the start with microsecond precision, never decreasing (a clock that
 *   steps back must not make the player jump).
 * - The cap counts encoded bytes, header included. The event that would pass it is not written;
 *   a last notice (an "m" marker and a line of output saying so) is, from a reserve kept for it,
 *   and the writer stops for good.
 */
export interface CastHeader {
  width: number;
  height: number;
  /** Unix seconds of the start. */
  timestamp: number;
  title?: string;
  env?: Record<string, string>;
}

export type CastCode = "o" | "i" | "r" | "m";

/** Bytes kept back for the closing notice, so a capped file still says why it ends. */
export const CAP_RESERVE_BYTES = 256;

export interface CastWriterOptions {
  /** The most bytes the whole file may take (header and every event). */
  maxBytes: number;
}

export function capNotice(maxBytes: number): string {
  return `\r\n\x1b[7m[recording stopped: it reached its size limit of ${formatBytes(maxBytes)}]\x1b[0m\r\n`;
}

export function headerLine(h: CastHeader): string {
  return `${JSON.stringify({ version: 2, width: h.width, height: h.height, timestamp: Math.floor(h.timestamp), ...(h.title ? { title: h.title } : {}), ...(h.env ? { env: h.env } : {}) })}\n`;
}

export function eventLine(seconds: number, code: CastCode, data: string): string {
  return `${JSON.stringify([Math.round(seconds * 1e6) / 1e6, code, data])}\n`;
}

export class CastWriter {
  private readonly decoders = { o: new TextDecoder("utf-8", { fatal: false }), i: new TextDecoder("utf-8", { fatal: false }) };
  private written = 0;
  private lastSeconds = 0;
  private stopped = false;
  private capped = false;

  /** `startBytes`: what earlier lines of the same file already took (a recording continued by a new process). */
  constructor(
    private readonly opts: CastWriterOptions,
    startBytes = 0,
    startSeconds = 0,
  ) {
    this.written = startBytes;
    this.lastSeconds = startSeconds;
  }

  get bytes(): number {
    return this.written;
  }

  /** The cap was reached: nothing more is written. */
  get isCapped(): boolean {
    return this.capped;
  }

  get lastTime(): number {
    return this.lastSeconds;
  }

  header(h: CastHeader): string | null {
    return this.take(headerLine(h));
  }

  /** Output or input bytes → one event line ("" when the bytes end mid-character), or null past the cap. */
  data(seconds: number, code: "o" | "i", bytes: Uint8Array): string | null {
    if (this.stopped) return null;
    const text = this.decoders[code].decode(bytes, { stream: true });
    if (text === "") return "";
    return this.event(seconds, code, text);
  }

  resize(seconds: number, cols: number, rows: number): string | null {
    return this.event(seconds, "r", `${cols}x${rows}`);
  }

  marker(seconds: number, label: string): string | null {
    return this.event(seconds, "m", label);
  }

  private event(seconds: number, code: CastCode, text: string): string | null {
    if (this.stopped) return null;
    const t = Math.max(this.lastSeconds, seconds);
    const line = eventLine(t, code, text);
    const taken = this.take(line);
    if (taken !== null) this.lastSeconds = t;
    else if (!this.capped) return this.close(t);
    return taken;
  }

  /** The line if it fits under the cap (less the reserve); null otherwise. */
  private take(line: string): string | null {
    const n = Buffer.byteLength(line);
    if (this.written + n > this.opts.maxBytes - CAP_RESERVE_BYTES) return null;
    this.written += n;
    return line;
  }

  /** The cap is reached: the closing notice, from the reserve, and nothing after it. */
  private close(t: number): string {
    this.capped = true;
    this.stopped = true;
    const notice = eventLine(t, "m", "size limit reached") + eventLine(t, "o", capNotice(this.opts.maxBytes));
    this.written += Buffer.byteLength(notice);
    return notice;
  }
}

/** A parsed .cast file (for tests, the bench and anyone checking a download). */
export interface ParsedCast {
  header: CastHeader & { version: number };
  events: [number, CastCode, string][];
}

export function parseCast(text: string): ParsedCast {
  const lines = text.split("\n").filter((l) => l !== "");
  const [first, ...rest] = lines;
  if (!first) throw new Error("empty cast");
  return { header: JSON.parse(first) as ParsedCast["header"], events: rest.map((l) => JSON.parse(l) as [number, CastCode, string]) };
}
