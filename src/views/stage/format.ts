// Amounts of ms and ppm for the stage and panels (d3-format, so output does not depend on the
// locale). Times are written by the core's one formatter, formatSeconds.

import { format } from 'd3-format';

const signedInt = format('+,d');
const fixed1 = format(',.1f');
const grouped = format(',d');

/**
 * "12,345": a count with thousands grouped, without Intl (toLocaleString's first call loads
 * the locale data, a 150 ms task that froze the page at the start of a trace import).
 */
export function formatCount(n: number): string {
  return grouped(n);
}

/** "+12 ms", "−340 ms"; zero shows as "+0 ms". */
export function formatOffsetMs(ms: number): string {
  return `${signedInt(Math.round(ms)).replace('-', '−')} ms`;
}

export function formatPpm(ppm: number): string {
  return `${signedInt(Math.round(ppm)).replace('-', '−')} ppm`;
}

export function formatMs(ms: number): string {
  return `${fixed1(ms).replace('-', '−')} ms`;
}

/** Times: the core's one formatter ("12.345 s"). */
export { formatSeconds } from '../../core/index.ts';
