import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp, TimestampSplitter } from './timestamps.ts';

const A = '2026-11-29 03:04:05.123456';
const B = '2026-11-29 03:04:10';
const C = '2026-11-29 03:04:15.000001';

describe('TimestampSplitter', () => {
  it('splits timestamps sent back to back without delimiters, both forms', () => {
    const s = new TimestampSplitter();
    expect(s.push(A + B + C)).toEqual({ stamps: [A, B, C], garbage: '' });
    expect(s.pending).toBe(0);
  });

  it('joins a timestamp split across reads, at any byte', () => {
    for (let cut = 1; cut < A.length; cut++) {
      const s = new TimestampSplitter();
      const first = s.push(A.slice(0, cut));
      expect(first.stamps).toEqual([]);
      expect(first.garbage).toBe('');
      expect(s.push(A.slice(cut)).stamps).toEqual([A]);
    }
  });

  it('holds a 19-byte stamp at the end until the next byte or a flush shows it is whole', () => {
    const s = new TimestampSplitter();
    expect(s.push(B).stamps).toEqual([]);
    expect(s.flush()).toEqual({ stamps: [B], garbage: '' });
    const t = new TimestampSplitter();
    expect(t.push(B).stamps).toEqual([]);
    expect(t.push(A).stamps).toEqual([B, A]);
  });

  it('drops garbage around timestamps and keeps at most one timestamp of bytes', () => {
    const s = new TimestampSplitter();
    const out = s.push(`hello\x00\xff${A}junk 12:00${C}2026-11`);
    expect(out.stamps).toEqual([A, C]);
    expect(out.garbage).toBe('hello\x00\xffjunk 12:00');
    expect(s.pending).toBe('2026-11'.length);
    expect(s.push('x'.repeat(100_000)).garbage.length).toBe(100_000 + '2026-11'.length);
    expect(s.pending).toBe(0);
  });

  it('a half timestamp that never completes is garbage on flush', () => {
    const s = new TimestampSplitter();
    s.push('2026-11-29 03:0');
    expect(s.flush()).toEqual({ stamps: [], garbage: '2026-11-29 03:0' });
  });
});

describe('parseTimestamp / formatTimestamp', () => {
  it('round-trip local time with microseconds, and the 19-byte form when they are 0', () => {
    expect(formatTimestamp(parseTimestamp(A) as number)).toBe(A);
    expect(formatTimestamp(parseTimestamp(B) as number)).toBe(B);
    expect(formatTimestamp(parseTimestamp(C) as number)).toBe(C);
    const t = new Date(2026, 10, 29, 3, 4, 5, 678).getTime() + 0.9;
    expect(formatTimestamp(t)).toBe('2026-11-29 03:04:05.678900');
  });

  it('refuses stamps that name no real time', () => {
    expect(parseTimestamp('2026-02-31 10:00:00')).toBeNull();
    expect(parseTimestamp('2026-11-29 25:00:00')).toBeNull();
    expect(parseTimestamp('not a time')).toBeNull();
  });
});
