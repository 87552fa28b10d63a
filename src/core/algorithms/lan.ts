// The default link of presets and custom setups: 20 ms plus up to 10 ms uniform jitter, so
// at most 30 ms one way and 60 ms a round trip. Timeouts are chosen against it.

import { DEFAULT_LINK, type LinkSettings } from '../network.ts';

export const LAN: LinkSettings = { ...DEFAULT_LINK, latencyMs: 20, jitterMs: 10, jitter: 'uniform' };

/** Processes 1..n named P1..Pn with perfect clocks (the elections' presets). */
export const processes = (n: number): { id: number; name: string; clock: { offsetMs: number; driftPpm: number } }[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `P${i + 1}`, clock: { offsetMs: 0, driftPpm: 0 } }));
