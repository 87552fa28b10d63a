// An election as the page and the metrics show it, shared by Bully and Ring: who noticed and
// who joined, the messages it cost by kind (heartbeats are not part of any election), the
// ring's collected ids, the winner. Episodes come from the algorithms themselves: every
// election message, and each election-start and elected note, carries the episode id (`ep`)
// the noticing process gave its election, so two elections close together in time are never
// lumped together and an old one's late messages never count towards a new one.
// `foldEpisode` is the one fold; the round panel keeps the latest episode with it and the
// outcome derivation (derive/run-outcome.ts) keeps every one, so their numbers agree.

import { bumped, emptyCounts } from '../counts.ts';
import type { RoundModel } from './definition.ts';
import { num, numList } from './notes.ts';
import type { NodeId } from '../time.ts';
import type { TraceEvent } from '../trace.ts';

export interface ElectionRound {
  /** The episode id every message of this election carries (null in traces from before episode ids). */
  readonly ep: string | null;
  readonly round: number;
  readonly startedAt: number;
  /** The process that noticed first, then those that joined (Bully: every process that held an election). */
  readonly starters: readonly NodeId[];
  /** Messages of this episode sent so far, by kind. */
  readonly messages: Readonly<Record<string, number>>;
  /** Ring: the ids the election message collected. */
  readonly ringIds: readonly NodeId[] | null;
  readonly winner: NodeId | null;
  readonly electedAt: number | null;
  /** True time of its last event. */
  readonly lastAt: number;
}

/** The episode an event belongs to, and whether it opens one (an election-start by the process that noticed). */
export function episodeOf(e: TraceEvent): { ep: string; opens: boolean } | null {
  if (e.type === 'send') {
    const ep = (e.msg as { ep?: unknown }).ep;
    return typeof ep === 'string' ? { ep, opens: false } : null;
  }
  if (e.type !== 'note' || !e.data) return null;
  const ep = e.data['ep'];
  if (typeof ep !== 'string') return null;
  return { ep, opens: e.topic === 'election-start' && e.data['initiator'] === true };
}

const ELECTION_TOPICS = new Set(['election-start', 'ring-complete', 'elected']);

/** Is this an event an election fold reads (a send other than a heartbeat, or one of the election notes)? */
export const isElectionEvent = (e: TraceEvent): boolean =>
  (e.type === 'send' && e.kind !== 'HEARTBEAT') || (e.type === 'note' && ELECTION_TOPICS.has(e.topic));

export function openEpisode(e: TraceEvent, ep: string | null): ElectionRound {
  const data = e.type === 'note' ? (e.data ?? {}) : {};
  return {
    ep,
    round: num(data['round']),
    startedAt: e.t,
    starters: [],
    messages: emptyCounts(),
    ringIds: null,
    winner: null,
    electedAt: null,
    lastAt: e.t,
  };
}

/** Folds one event of this episode in; the same object when nothing changed. */
export function foldEpisode(election: ElectionRound, e: TraceEvent): ElectionRound {
  if (e.type === 'send') {
    if (e.kind === 'HEARTBEAT') return election;
    const leader = (e.msg as { leader?: unknown }).leader;
    // Who won, as the announcement says it (Bully: its sender; Ring: the id it names), when no elected note says so.
    const announced = e.kind === 'COORDINATOR' || e.kind === 'ELECTED' ? (typeof leader === 'number' ? leader : e.node) : null;
    return {
      ...election,
      messages: bumped(election.messages, e.kind),
      lastAt: e.t,
      ...(announced !== null && election.winner === null ? { winner: announced, electedAt: e.t } : {}),
    };
  }
  if (e.type !== 'note') return election;
  const data = e.data ?? {};
  switch (e.topic) {
    case 'election-start':
      if (election.starters.includes(e.node)) return election;
      return { ...election, starters: [...election.starters, e.node], round: Math.max(election.round, num(data['round'])), lastAt: e.t };
    case 'ring-complete':
      return { ...election, ringIds: numList(data['ids']), lastAt: e.t };
    case 'elected':
      return { ...election, winner: e.node, electedAt: e.t, lastAt: e.t };
    default:
      return election;
  }
}

/** The latest episode: a new one opens at a noticing process's election-start; other episodes' late traffic is not its. */
export const electionRound: RoundModel<ElectionRound | null> = {
  initial: null,
  announced: ['elected'],
  apply(election, e) {
    if (!isElectionEvent(e)) return election;
    const key = episodeOf(e);
    if (key === null) {
      // A trace from before episode ids: a start after a finished election opens the next one.
      if (e.type === 'note' && e.topic === 'election-start' && (!election || election.winner !== null))
        return foldEpisode(openEpisode(e, null), e);
      return election ? foldEpisode(election, e) : e.type === 'note' && e.topic === 'elected' ? foldEpisode(openEpisode(e, null), e) : null;
    }
    if (key.opens) return foldEpisode(openEpisode(e, key.ep), e);
    if (!election || election.ep !== key.ep) return election;
    return foldEpisode(election, e);
  },
};
