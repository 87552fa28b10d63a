// Token ring's settings: the schema every outside value goes through, and the defaults for n
// processes (against the default link: at most 30 ms one way). A hop is bounded by a stay
// (pass + hold, 10% for a slow clock) plus the slowest link; the token is taken for lost only
// after a full circulation of such hops with room for a claim's skips, so a fault-free run
// never regenerates.

import * as v from 'valibot';
import { atLeast, type NetworkTiming } from '../../timeouts.ts';
import type { TimeoutRules } from '../definition.ts';
import { durationMs } from '../schema.ts';
import { quietMs, TIMER_LOST, TIMER_QUIET, type TokenRingSettings } from './machine.ts';

export const tokenRingSettingsSchema: v.GenericSchema<unknown, TokenRingSettings> = v.object({
  holdMs: durationMs,
  passMs: durationMs,
  ackMs: durationMs,
  hopMs: durationMs,
  lostMs: durationMs,
});

/** The most one hop takes: a stay with 10% for a slow clock, plus one trip on the slowest link. */
const hopBound = (s: Pick<TokenRingSettings, 'holdMs' | 'passMs'>, oneWayMs: number): number =>
  Math.ceil(1.1 * (s.holdMs + s.passMs) + oneWayMs);

/** A full circulation of the slowest hops, plus a claim's skips on top. */
const lostBound = (hopMs: number, ackMs: number, n: number): number => n * hopMs + 2 * ackMs;

const LAN_ONE_WAY_MS = 30;

export function tokenRingDefaults(n = 5): TokenRingSettings {
  const base = { holdMs: 600, passMs: 200, ackMs: 150 };
  const hopMs = hopBound(base, LAN_ONE_WAY_MS);
  return { ...base, hopMs, lostMs: lostBound(hopMs, base.ackMs, Math.max(2, n)) };
}

export const tokenRingTimeouts: TimeoutRules<TokenRingSettings> = {
  scale(settings, timing: NetworkTiming) {
    const ackMs = atLeast(settings.ackMs, 3, timing);
    const hopMs = Math.max(settings.hopMs, hopBound(settings, timing.oneWayMs));
    const lostMs = Math.max(settings.lostMs, lostBound(hopMs, ackMs, timing.nodes));
    return { ...settings, ackMs, hopMs, lostMs };
  },
  // The waits for a message follow the network, and so does a recovered process's quiet: it
  // must outlast promises and tokens that a slower network makes last longer. The fences,
  // promises and deadlines derived from a hop keep the length they were armed with (longer is
  // never needed for liveness).
  armedFor: (key, settings, owner) =>
    key === TIMER_LOST
      ? settings.lostMs
      : key.startsWith('ack:')
        ? settings.ackMs
        : key === TIMER_QUIET
          ? quietMs(settings, owner.peers.length + 1)
          : undefined,
  list: (settings, nodes) => [
    { label: 'token taken for lost after', ms: settings.lostMs },
    { label: 'CLAIM acknowledgement', ms: settings.ackMs },
    { label: 'one hop at most', ms: settings.hopMs },
    { label: 'a recovered process rejoins after', ms: quietMs(settings, nodes) },
  ],
};
