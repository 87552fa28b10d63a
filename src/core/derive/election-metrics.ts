// Elections as episodes, read from the trace: every election message and note carries the
// episode id of the notice it belongs to (election-round.ts), so each notice is one episode,
// however close in time two of them are. For each: who noticed, who won, how long it took,
// the messages by kind, and — for the textbook cases — how many ARCHITECTURE.md §4 predicts
// (bully-10: 15 ELECTION, 10 OK, 8 COORDINATOR).

import { electionRound, type ElectionRound, episodeOf, foldEpisode, isElectionEvent, openEpisode } from '../algorithms/election-round.ts';
import type { TraceEvent } from '../trace.ts';
import type { NodeId } from '../time.ts';

export interface ElectionEpisode {
  index: number;
  /** The id the algorithm gave it (null in traces from before episode ids). */
  ep: string | null;
  start: number;
  end: number;
  /** Processes that started an election in it, in order; the first noticed the failure. */
  initiators: NodeId[];
  /** The process that won it, as a list (empty while undecided). */
  winners: NodeId[];
  /** Messages sent, by kind. */
  sent: Record<string, number>;
  ringIds: NodeId[] | null;
}

/** Every episode's fold, in the order they opened. */
export function electionFolds(events: readonly TraceEvent[]): ElectionRound[] {
  const folds: ElectionRound[] = [];
  const byEp = new Map<string, number>();
  for (const e of events) {
    if (!isElectionEvent(e)) continue;
    const key = episodeOf(e);
    if (key === null) {
      // Traces from before episode ids: the round panel's own rule.
      const last = folds.at(-1) ?? null;
      const next = electionRound.apply(last, e, () => undefined);
      if (next !== null && next !== last) {
        if (last !== null && next.startedAt !== last.startedAt) folds.push(next);
        else if (last === null) folds.push(next);
        else folds[folds.length - 1] = next;
      }
      continue;
    }
    let i = byEp.get(key.ep);
    if (i === undefined || key.opens) {
      i = folds.length;
      folds.push(openEpisode(e, key.ep));
      byEp.set(key.ep, i);
    }
    folds[i] = foldEpisode(folds[i] as ElectionRound, e);
  }
  return folds;
}

export function electionEpisodes(events: readonly TraceEvent[]): ElectionEpisode[] {
  return electionFolds(events).map((f, i) => episodeFromFold(f, i + 1));
}

export function episodeFromFold(f: ElectionRound, index: number): ElectionEpisode {
  return {
    index,
    ep: f.ep,
    start: f.startedAt,
    end: f.lastAt,
    initiators: [...f.starters],
    winners: f.winner === null ? [] : [f.winner],
    sent: { ...f.messages },
    ringIds: f.ringIds ? [...f.ringIds] : null,
  };
}

/**
 * Bully, processes 1..n, every process from the noticing k up to the winner m alive and each
 * holding one election: ELECTION Σ_{j=k..m} (n − j), OK Σ_{j=k+1..m} (j − k), COORDINATOR m − 1.
 * With m = n − 1 this is ARCHITECTURE.md §4's (n−k)(n−k+1)/2, (n−k−1)(n−k)/2 and n − 2.
 */
export function predictedBully(n: number, k: number, m: number): Record<string, number> {
  let election = 0;
  let ok = 0;
  for (let j = k; j <= m; j++) election += n - j;
  for (let j = k + 1; j <= m; j++) ok += j - k;
  return { ELECTION: election, OK: ok, COORDINATOR: Math.max(0, m - 1) };
}

/** Ring (list variant), one initiator, n processes on the ring: n ELECTION and n COORDINATOR sends, dead successors' attempts included. */
export function predictedRing(n: number): Record<string, number> {
  return { ELECTION: n, COORDINATOR: n };
}
