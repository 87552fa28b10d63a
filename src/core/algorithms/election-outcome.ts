// Every election of a run, as the outcome derivation (derive/run-outcome.ts) lists them for the
// metrics, the run report and the CLI's --json: Bully's and Ring's outcome part. Episodes are
// folded with the round panel's own fold (election-round.ts), so their numbers agree; the
// counts against theory use the definition's predicted cost and its uncounted kinds (acks).

import type { ClockReplay } from '../check/clock-replay.ts';
import type { NodeId } from '../time.ts';
import type { TraceEvent } from '../trace.ts';
import { type AnyAlgorithm, forgettable, type OutcomeFold } from './definition.ts';
import { type ElectionRound, episodeOf, foldEpisode, isElectionEvent, openEpisode } from './election-round.ts';

export interface ElectionOutcome {
  index: number;
  ep: string | null;
  startMs: number;
  endMs: number;
  /** The process that noticed (or recovered, or timed out) and opened the episode. */
  noticedBy: NodeId | null;
  /** Every process that held an election in it, the noticing one first. */
  initiators: NodeId[];
  winner: NodeId | null;
  /** Messages of this episode, by kind, acknowledgements included. */
  byKind: Record<string, number>;
  /** Messages counted against theory (the algorithm's acknowledgements left out, as ARCHITECTURE.md §4 counts). */
  total: number;
  /** Acknowledgements, counted apart. */
  acks: number;
  /** Theory's count for the textbook case this episode is, or null when none applies. */
  predicted: number | null;
  predictedByKind: Record<string, number> | null;
  ringIds: NodeId[] | null;
}

/** Episodes folded as they come; the round panel's latest episode is the last one here. */
export class EpisodeLog {
  /** The episodes kept: episode `dropped + i` of the run is `folds[i]`. */
  readonly folds: ElectionRound[] = [];
  /** Episodes forgotten from the front (`forget`). */
  dropped = 0;
  /** Episode id → its absolute position. */
  private readonly byEp = new Map<string, number>();

  push(e: TraceEvent): void {
    if (!isElectionEvent(e)) return;
    const key = episodeOf(e);
    if (key === null) return; // traces from before episode ids: see electionFolds
    let i = this.byEp.get(key.ep);
    if (i === undefined || key.opens) {
      i = this.dropped + this.folds.length;
      this.folds.push(openEpisode(e, key.ep));
      this.byEp.set(key.ep, i);
    }
    this.folds[i - this.dropped] = foldEpisode(this.folds[i - this.dropped] as ElectionRound, e);
  }

  /** Drops the episodes whose last event came before t, but never the latest `keep`. */
  forget(t: number, keep: number): void {
    const n = forgettable(this.folds, (f) => f.lastAt < t, keep);
    for (const f of this.folds.splice(0, n)) {
      // An id reopened later points at the later episode, which stays.
      const at = f.ep === null ? undefined : this.byEp.get(f.ep);
      if (f.ep !== null && at !== undefined && at < this.dropped + n) this.byEp.delete(f.ep);
    }
    this.dropped += n;
  }
}

/** An election algorithm's outcome part: every episode, its messages by kind and what theory predicts for it. */
export function electionOutcomes(definition: AnyAlgorithm, settings: unknown, nodeCount: number): OutcomeFold {
  const episodes = new EpisodeLog();
  return {
    push: (e: TraceEvent, _clocks: ClockReplay) => episodes.push(e),
    forget: (t, keep) => episodes.forget(t, keep),
    part() {
      const uncounted = new Set(definition.uncountedKinds);
      const counted = (kinds: Record<string, number>): number =>
        Object.entries(kinds).reduce((s, [k, n]) => s + (uncounted.has(k) ? 0 : n), 0);
      // Numbered from the run's start, whatever a long run has forgotten.
      const elections = episodes.folds.map((f, k): ElectionOutcome => {
        const i = episodes.dropped + k;
        const initiators = [...f.starters];
        const winners = f.winner === null ? [] : [f.winner];
        const predictedByKind = definition.predictedCost({ initiators, winners }, settings, nodeCount);
        const byKind = Object.fromEntries(Object.entries(f.messages));
        return {
          index: i + 1,
          ep: f.ep,
          startMs: f.startedAt,
          endMs: f.lastAt,
          noticedBy: initiators[0] ?? null,
          initiators,
          winner: f.winner,
          byKind,
          total: counted(byKind),
          acks: Object.entries(byKind).reduce((s, [k, n]) => s + (uncounted.has(k) ? n : 0), 0),
          predicted: predictedByKind ? counted(predictedByKind) : null,
          predictedByKind,
          ringIds: f.ringIds ? [...f.ringIds] : null,
        };
      });
      return { elections };
    },
  };
}
