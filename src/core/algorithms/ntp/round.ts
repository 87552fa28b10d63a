// Each NTP node's latest sync, as the round panel shows it (θ, δ, the samples the clock filter
// chose from, the bound δ/2 + drift allowance and the true errors), folded from the trace by
// the same reading as the checker's and the CLI's (bound.ts). Plain data, so the page's
// checkpoints can keep it.

import type { RoundModel } from '../definition.ts';
import type { NodeId } from '../../time.ts';
import { emptyTrack, foldNtp, type NtpSyncOutcome, type NtpTrack } from './bound.ts';

/** How many past syncs the round keeps (the metrics' table shows the last few). */
export const NTP_HISTORY = 200;

export interface NtpRound {
  readonly track: NtpTrack;
  /** Each node's latest sync. */
  readonly latest: Readonly<Record<NodeId, NtpSyncOutcome>>;
  /** The last syncs of every node, oldest first. */
  readonly history: readonly NtpSyncOutcome[];
  /** Polls that ended without a usable sample. */
  readonly failed: number;
}

export const ntpRound: RoundModel<NtpRound> = {
  initial: { track: emptyTrack, latest: {}, history: [], failed: 0 },
  announced: ['ntp-sync', 'ntp-failed'],
  apply(round, e, clockOf) {
    const { track, sync } = foldNtp(round.track, e, clockOf);
    const failed = e.type === 'note' && e.topic === 'ntp-failed' ? round.failed + 1 : round.failed;
    if (sync === null && track === round.track && failed === round.failed) return round;
    if (sync === null) return { ...round, track, failed };
    return {
      track,
      latest: { ...round.latest, [sync.client]: sync },
      history: [...round.history.slice(-(NTP_HISTORY - 1)), sync],
      failed,
    };
  },
};
