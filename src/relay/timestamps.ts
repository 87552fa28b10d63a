// The lab programs' wire format (shared/seed/programs/README.md): a timestamp is
// str(datetime.now()) in ASCII, naive local time `YYYY-MM-DD HH:MM:SS.ffffff` (26 bytes) or
// `YYYY-MM-DD HH:MM:SS` (19 bytes, when the microseconds are 0), with no delimiter, length or
// name around it. A TCP read may hold half a timestamp, two of them, or garbage, so incoming
// bytes are split by the pattern itself. Pure apart from the local time zone, which is the
// zone the programs print in (they run on the relay's machine: they connect to 127.0.0.1).

const TEMPLATE = 'dddd-dd-dd dd:dd:dd.dddddd';
const SHORT = 19;
const LONG = TEMPLATE.length;
const STAMP = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{6})?/g;

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** True if `s` could be the start of a timestamp (so more bytes may complete it). */
function isPrefix(s: string): boolean {
  if (s.length > LONG) return false;
  for (let i = 0; i < s.length; i++) {
    const want = TEMPLATE[i] as string;
    const c = s[i] as string;
    if (want === 'd' ? !isDigit(c) : c !== want) return false;
  }
  return true;
}

export interface Split {
  /** Whole timestamps, in order. */
  stamps: string[];
  /** Bytes that were not part of any timestamp (already dropped). */
  garbage: string;
}

/**
 * Splits a byte stream into timestamps. Holds back only what could still become one: at most
 * 26 characters, so a peer sending endless garbage costs nothing. A 19-byte stamp at the very
 * end is held until the next byte shows whether microseconds follow (or `flush()` says none will).
 */
export class TimestampSplitter {
  private held = '';

  push(chunk: string): Split {
    const text = this.held + chunk;
    this.held = '';
    const stamps: string[] = [];
    let garbage = '';
    let at = 0;
    STAMP.lastIndex = 0;
    for (let m = STAMP.exec(text); m !== null; m = STAMP.exec(text)) {
      const end = m.index + m[0].length;
      // "…:SS" at the end, or "…:SS.123" cut short: the microseconds may still be coming.
      if (m[0].length === SHORT && isPrefix(text.slice(m.index, m.index + LONG)) && text.length - m.index < LONG) break;
      garbage += text.slice(at, m.index);
      stamps.push(m[0]);
      at = end;
    }
    const rest = text.slice(at);
    // Keep the longest tail that could still grow into a timestamp; the rest is garbage.
    let keep = rest.length;
    for (let i = Math.max(0, rest.length - LONG); i < rest.length; i++) {
      if (isPrefix(rest.slice(i))) {
        keep = i;
        break;
      }
    }
    garbage += rest.slice(0, keep);
    this.held = rest.slice(keep);
    return { stamps, garbage };
  }

  /** No more bytes are coming soon: a held 19-byte stamp is complete; anything else held is garbage. */
  flush(): Split {
    const held = this.held;
    this.held = '';
    return held.length === SHORT ? { stamps: [held], garbage: '' } : { stamps: [], garbage: held };
  }

  get pending(): number {
    return this.held.length;
  }
}

/** Milliseconds since the epoch (with microseconds as a fraction) of a local-time stamp, or null if it names no real time. */
export function parseTimestamp(stamp: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{6}))?$/.exec(stamp);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const micros = m[7] === undefined ? 0 : Number(m[7]);
  const date = new Date(y, mo - 1, d, h, mi, s, Math.floor(micros / 1000));
  // Date rolls 2024-02-31 over into March; a stamp that does not round-trip is not a time.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== h) return null;
  if (date.getMinutes() !== mi || date.getSeconds() !== s) return null;
  return date.getTime() + (micros % 1000) / 1000;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A time as Python's str(datetime) prints it in local time: 26 bytes, or 19 when the microseconds are 0. */
export function formatTimestamp(epochMs: number): string {
  let whole = Math.floor(epochMs);
  let micros = Math.round((epochMs - whole) * 1000);
  if (micros >= 1000) {
    whole += 1;
    micros -= 1000;
  }
  const date = new Date(whole);
  const us = date.getMilliseconds() * 1000 + micros;
  const base =
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)} ` +
    `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}`;
  return us === 0 ? base : `${base}.${pad(us, 6)}`;
}

/** A short printable excerpt of bytes for a log line. */
export function preview(bytes: string, max = 24): string {
  const shown = bytes.length > max ? `${bytes.slice(0, max)}…` : bytes;
  return JSON.stringify(shown);
}
