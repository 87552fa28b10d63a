// Each Cristian client's latest sync, as the round panel shows it: T0, Ts, T1, the RTT, the
// clock before and after, the bound, and the true error against the server and true time.
// Read from `cristian-sync` notes (typed below) with the clocks as the trace left them.

import { readClock } from '../../clock.ts';
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

export interface CristianSyncView {
  readonly client: NodeId;
  readonly round: number;
  readonly t: number;
  readonly t0: number;
  readonly t1: number;
  readonly ts: number;
  readonly rttMs: number;
  readonly beforeMs: number;
  readonly afterMs: number;
  readonly boundMs: number;
  /** The client's new clock minus the server's clock at the moment of the sync. */
  readonly errorVsServerMs: number;
  /** The client's new clock minus true time. */
  readonly errorVsTrueMs: number;
  /** Allowance for both clocks' drift over the round trip (as the trace checker allows). */
  readonly slackMs: number;
}

export type CristianRound = Readonly<Record<NodeId, CristianSyncView>>;

export const cristianRound: RoundModel<CristianRound> = {
  initial: {},
  announced: ['cristian-sync'],
  apply(syncs, e, clockOf) {
    if (e.type !== 'note' || e.topic !== 'cristian-sync') return syncs;
    const sync = readCristianSync(e.data ?? {});
    const serverClock = clockOf(sync.server);
    const clientClock = clockOf(e.node);
    if (!serverClock || !clientClock) return syncs;
    const elapsed = sync.before - sync.t1;
    const driftSum = Math.abs(clientClock.driftPpm) + Math.abs(serverClock.driftPpm);
    return {
      ...syncs,
      [e.node]: {
        client: e.node,
        round: sync.round,
        t: e.t,
        t0: sync.t0,
        t1: sync.t1,
        ts: sync.ts,
        rttMs: sync.rtt,
        beforeMs: sync.before,
        afterMs: sync.after,
        boundMs: sync.boundMs,
        errorVsServerMs: sync.after - readClock(serverClock, e.t),
        errorVsTrueMs: readClock(clientClock, e.t) - e.t,
        slackMs: (driftSum * 1e-6 * (sync.rtt + elapsed)) / (1 - driftSum * 1e-6) + 1e-6,
      },
    };
  },
};
