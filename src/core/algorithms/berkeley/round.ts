// The master's latest Berkeley cycle, as the round panel shows it: each reading (the
// ignored ones marked), the average, each adjustment, the spread before and who did not
// reply. Read from `berkeley-cycle` notes, whose data is typed below.

import type { RoundModel } from '../definition.ts';
import { type NoteData, num, numList, objects, str } from '../notes.ts';
import type { NodeId } from '../../time.ts';

export interface BerkeleyReadingView {
  readonly node: NodeId;
  readonly offsetMs: number;
  readonly rttMs: number;
  readonly ignored: boolean;
  readonly adjustmentMs: number | null;
}

export interface BerkeleyCycle {
  readonly cycle: number;
  readonly t: number;
  readonly master: NodeId;
  readonly readings: readonly BerkeleyReadingView[];
  readonly averageMs: number;
  readonly thresholdMs: number;
  readonly spreadBeforeMs: number;
  readonly missing: readonly NodeId[];
  readonly mode: string;
}

/** A `berkeley-cycle` note's data as the round panel reads it. */
export function readBerkeleyCycle(t: number, data: NoteData): BerkeleyCycle {
  const adjustments = new Map(objects(data['adjustments']).map((a) => [num(a['node']), num(a['deltaMs'])]));
  const readings = objects(data['readings']).map((o): BerkeleyReadingView => {
    const node = num(o['node']);
    return {
      node,
      offsetMs: num(o['offsetMs']),
      rttMs: num(o['rttMs']),
      ignored: o['ignored'] === true,
      adjustmentMs: adjustments.get(node) ?? null,
    };
  });
  return {
    cycle: num(data['cycle']),
    t,
    master: num(data['master']),
    readings,
    averageMs: num(data['averageMs']),
    thresholdMs: num(data['thresholdMs']),
    spreadBeforeMs: num(data['spreadBeforeMs']),
    missing: numList(data['missing']),
    mode: str(data['mode']),
  };
}

export const berkeleyRound: RoundModel<BerkeleyCycle | null> = {
  initial: null,
  announced: ['berkeley-cycle'],
  apply: (cycle, e) => (e.type === 'note' && e.topic === 'berkeley-cycle' ? readBerkeleyCycle(e.t, e.data ?? {}) : cycle),
};
