// Elections as rounds, read from the trace: an election episode is a burst of election
// traffic (and election-start notes) with no gap longer than `quietMs`. For each: who
// noticed, who won, how long it took, the messages by kind, and — for the textbook cases —
// how many DESIGN.md §4 predicts (bully-10: 15 ELECTION, 10 OK, 8 COORDINATOR).

import { bump, emptyCounts } from '../counts.ts';
import type { TraceEvent } from '../trace.ts';
import type { NodeId } from '../time.ts';

const ELECTION_KINDS = new Set(['ELECTION', 'OK', 'COORDINATOR', 'ELECTED', 'ACK']);

export interface ElectionEpisode {
  index: number;
  start: number;
  end: number;
  /** Processes that started an election, in order; the first noticed the failure. */
  initiators: NodeId[];
  /** Processes that declared themselves coordinator. */
  winners: NodeId[];
  /** Messages sent, by kind. */
  sent: Record<string, number>;
}

export function electionEpisodes(events: readonly TraceEvent[], quietMs = 1000): ElectionEpisode[] {
  const episodes: ElectionEpisode[] = [];
  let open: ElectionEpisode | null = null;
  for (const e of events) {
    const isTraffic = e.type === 'send' && ELECTION_KINDS.has(e.kind);
    const isStart = e.type === 'note' && e.topic === 'election-start';
    const isWin = e.type === 'note' && e.topic === 'elected';
    if (!isTraffic && !isStart && !isWin) continue;
    if (!open || e.t - open.end > quietMs) {
      open = { index: episodes.length + 1, start: e.t, end: e.t, initiators: [], winners: [], sent: emptyCounts() };
      episodes.push(open);
    }
    open.end = e.t;
    if (e.type === 'send') bump(open.sent, e.kind);
    if (isStart && !open.initiators.includes(e.node)) open.initiators.push(e.node);
    if (isWin) open.winners.push(e.node);
  }
  return episodes;
}

/**
 * Bully, processes 1..n, every process from the noticing k up to the winner m alive and each
 * holding one election: ELECTION Σ_{j=k..m} (n − j), OK Σ_{j=k+1..m} (j − k), COORDINATOR m − 1.
 * With m = n − 1 this is DESIGN.md's (n−k)(n−k+1)/2, (n−k−1)(n−k)/2 and n − 2.
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
