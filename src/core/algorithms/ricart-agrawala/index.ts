// Ricart–Agrawala mutual exclusion, as the registry lists it. Predicted cost: 2(n−1) messages
// per entry (n−1 REQUEST, n−1 REPLY). Its checker adds the textbook's order: once nothing
// fails, a process never enters while an earlier (Lamport timestamp, id) request waits.

import type { IncrementalChecker } from '../../check/clock-sync.ts';
import type { Violation } from '../../check/violations.ts';
import type { TraceEvent } from '../../trace.ts';
import type { NodeId } from '../../time.ts';
import type { AlgorithmDefinition } from '../definition.ts';
import { kindsOf } from '../definition.ts';
import {
  checkMutualExclusion,
  criticalSectionOutcomes,
  type MutexRound,
  mutexMonitor,
  mutexRound,
} from '../mutex-common/critical-sections.ts';
import { mutexFuzz, MUTEX_ROLES } from '../mutex-common/fuzz.ts';
import { before, ricartAgrawalaMachine, type RicartAgrawalaMessage, type RicartAgrawalaSettings } from './machine.ts';
import { ricartAgrawalaLesson } from './lesson.ts';
import { ricartAgrawalaPreset } from './presets.ts';
import { ricartAgrawalaPseudocode } from './pseudocode.ts';
import { ricartAgrawalaDefaults, ricartAgrawalaSettingsSchema, ricartAgrawalaTimeouts } from './settings.ts';

/** Requests made from `calmFrom` on are granted in (timestamp, id) order. */
export class TimestampOrderChecker implements IncrementalChecker {
  private readonly waiting = new Map<NodeId, number>();
  constructor(private readonly calmFrom: number) {}

  push(e: TraceEvent): Violation[] {
    if (e.type === 'crash' || e.type === 'fault') this.waiting.delete(e.node);
    if (e.type !== 'note') return [];
    const ts = e.data?.['ts'];
    if (e.topic === 'cs-request' && e.t >= this.calmFrom && typeof ts === 'number') this.waiting.set(e.node, ts);
    if (e.topic !== 'cs-enter') return [];
    const mine = this.waiting.get(e.node);
    this.waiting.delete(e.node);
    if (mine === undefined) return [];
    const earlier = [...this.waiting].filter(([node, t]) => before(t, node, mine, e.node));
    if (earlier.length === 0) return [];
    const list = earlier.map(([node, t]) => `P${node} (${t})`).join(', ');
    return [
      { t: e.t, node: e.node, invariant: 'timestamp order', detail: `P${e.node} (${mine}) enters before ${list}, which asked earlier` },
    ];
  }
}

export const ricartAgrawala: AlgorithmDefinition<'ricart-agrawala', RicartAgrawalaSettings, MutexRound> = {
  id: 'ricart-agrawala',
  label: 'Mutual exclusion: Ricart–Agrawala',
  machine: ricartAgrawalaMachine,
  settingsSchema: ricartAgrawalaSettingsSchema,
  defaults: ricartAgrawalaDefaults,
  customClocks: { offsetSpreadMs: 0, driftSpreadPpm: 0 },
  presets: [ricartAgrawalaPreset],
  roles: MUTEX_ROLES,
  messageKinds: kindsOf<RicartAgrawalaMessage>()(['REQUEST', 'REPLY']),
  reference: () => null,
  drawsClocks: false,
  topology: 'mesh',
  verbs: ['request'],
  roundTitle: 'Critical section',
  round: mutexRound,
  predictedCost: (_episode, _settings, n) => ({ REQUEST: n - 1, REPLY: n - 1 }),
  timeouts: ricartAgrawalaTimeouts,
  uncountedKinds: [],
  outcomes: criticalSectionOutcomes,
  monitors: [mutexMonitor],
  check: (events, _scenario, { calmFrom }) =>
    checkMutualExclusion(events, { calmFrom, extra: calmFrom === null ? [] : [new TimestampOrderChecker(calmFrom)] }),
  fuzz: mutexFuzz(() => ricartAgrawalaDefaults()),
  pseudocode: ricartAgrawalaPseudocode,
  lessons: [ricartAgrawalaLesson],
};
