// Number formats for the stage and panels (d3-format, so output does not depend on the locale).

import { format } from 'd3-format';

const signedInt = format('+,d');
const fixed3 = format(',.3f');
const fixed1 = format(',.1f');

/** "+12 ms", "−340 ms"; zero shows as "+0 ms". */
export function formatOffsetMs(ms: number): string {
  return `${signedInt(Math.round(ms)).replace('-', '−')} ms`;
}

export function formatPpm(ppm: number): string {
  return `${signedInt(Math.round(ppm)).replace('-', '−')} ppm`;
}

/** A local or true clock reading in seconds with milliseconds: "12.345 s". */
export function formatClock(ms: number): string {
  return `${fixed3(ms / 1000).replace('-', '−')} s`;
}

export function formatMs(ms: number): string {
  return `${fixed1(ms).replace('-', '−')} ms`;
}
