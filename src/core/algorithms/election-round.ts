// The latest election as the round panel shows it, shared by Bully and Ring: who started
// it, the messages sent since (heartbeats left out), the ring's collected ids, the winner.
// Folded from `election-start`, `ring-complete` and `elected` notes and from sends.

import { bumped, emptyCounts } from '../counts.ts';
import type { RoundModel } from './definition.ts';
import { num, numList } from './notes.ts';
import type { NodeId } from '../time.ts';

export interface ElectionRound {
  readonly round: number;
  readonly startedAt: number;
  readonly starters: readonly NodeId[];
  /** Messages sent since the round started, by kind (heartbeats left out). */
  readonly messages: Readonly<Record<string, number>>;
  /** Ring: the ids the election message collected. */
  readonly ringIds: readonly NodeId[] | null;
  readonly winner: NodeId | null;
  readonly electedAt: number | null;
}

export const electionRound: RoundModel<ElectionRound | null> = {
  initial: null,
  announced: ['elected'],
  apply(election, e) {
    if (e.type === 'send') {
      if (!election || e.kind === 'HEARTBEAT') return election;
      return { ...election, messages: bumped(election.messages, e.kind) };
    }
    if (e.type !== 'note') return election;
    const data = e.data ?? {};
    switch (e.topic) {
      case 'election-start': {
        const round = num(data['round']);
        if (!election || election.winner !== null)
          return { round, startedAt: e.t, starters: [e.node], messages: emptyCounts(), ringIds: null, winner: null, electedAt: null };
        if (election.starters.includes(e.node)) return election;
        return { ...election, starters: [...election.starters, e.node], round: Math.max(election.round, round) };
      }
      case 'ring-complete':
        return election ? { ...election, ringIds: numList(data['ids']) } : election;
      case 'elected':
        return election
          ? { ...election, winner: e.node, electedAt: e.t }
          : { round: num(data['round']), startedAt: e.t, starters: [], messages: {}, ringIds: null, winner: e.node, electedAt: e.t };
      default:
        return election;
    }
  },
};
