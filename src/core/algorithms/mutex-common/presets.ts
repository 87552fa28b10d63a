// The shape the mutual exclusion presets share: five processes on the lab's LAN, three of them
// asking for the critical section within a few tens of ms of each other at 1 s, then a crash
// and what follows it (more requests, a recovery). Each preset says who asks, how far apart,
// and what happens next.

import type { Scenario, UserAction } from '../../scenario.ts';
import type { NodeId } from '../../time.ts';
import { LAN, processes } from '../lan.ts';

export interface ThreeAskPreset {
  id: string;
  title: string;
  summary: string;
  algorithm: Scenario['algorithm'];
  /** The three processes that ask at once, in the order they ask. */
  ask: readonly [NodeId, NodeId, NodeId];
  /** How far apart their requests are (true ms), the first at 1 s. */
  gapMs: number;
  /** What happens after: the crash, later requests, the recovery. */
  then: readonly UserAction[];
  durationMs: number;
}

export const threeAskOneCrashes = (p: ThreeAskPreset): Scenario => ({
  id: p.id,
  title: p.title,
  summary: p.summary,
  nodes: processes(5),
  algorithm: p.algorithm,
  network: { defaults: LAN, links: [] },
  slewRate: 0.05,
  actions: [...p.ask.map((node, i): UserAction => ({ at: 1000 + i * p.gapMs, type: 'request', node })), ...p.then],
  durationMs: p.durationMs,
});
