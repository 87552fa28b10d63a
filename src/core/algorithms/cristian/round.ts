// Each Cristian client's latest sync, as the round panel shows it: T0, Ts, T1, the RTT, the
// clock before and after, Cristian's bound with drift, and the true error against the server
// and true time: the same reading of a `cristian-sync` note as the outcome derivation's.

import { cristianSyncOutcome, type CristianSyncOutcome } from './bound.ts';
import type { RoundModel } from '../definition.ts';
import { type NoteData, num } from '../notes.ts';
import type { NodeId } from '../../time.ts';

/** The `cristian-sync` note's data, as the machine writes it. */
export interface CristianSyncNote {
  round: number;
  server: NodeId;
  t0: number;
  t1: number;
  ts: number;
  rtt: number;
  before: number;
  after: number;
  boundMs: number;
}

export function readCristianSync(data: NoteData): CristianSyncNote {
  return {
    round: num(data['round']),
    server: num(data['server']),
    t0: num(data['t0']),
    t1: num(data['t1']),
    ts: num(data['ts']),
    rtt: num(data['rtt']),
    before: num(data['before']),
    after: num(data['after']),
    boundMs: num(data['boundMs']),
  };
}

/** A client's latest sync as the round panel shows it: what the derivation reports (bound.ts). */
export type CristianSyncView = Readonly<CristianSyncOutcome>;

export type CristianRound = Readonly<Record<NodeId, CristianSyncView>>;

export const cristianRound: RoundModel<CristianRound> = {
  initial: {},
  announced: ['cristian-sync'],
  apply(syncs, e, clockOf) {
    const sync = cristianSyncOutcome(e, clockOf);
    return sync ? { ...syncs, [sync.client]: sync } : syncs;
  },
};
