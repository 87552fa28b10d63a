// Mutual exclusion with a central coordinator, as the registry lists it. Predicted cost: 3
// messages per entry (REQUEST, GRANT, RELEASE), 0 for the coordinator's own.

import type { AlgorithmDefinition } from '../definition.ts';
import { kindsOf } from '../definition.ts';
import {
  checkMutualExclusion,
  criticalSectionOutcomes,
  type MutexRound,
  mutexRound,
  mutexMonitor,
} from '../mutex-common/critical-sections.ts';
import { mutexFuzz, MUTEX_ROLES } from '../mutex-common/fuzz.ts';
import { type CentralMutexMessage, centralMutexMachine, type CentralMutexSettings } from './machine.ts';
import { mutexCentralLesson } from './lesson.ts';
import { mutexCentral } from './presets.ts';
import { centralMutexPseudocode } from './pseudocode.ts';
import { centralMutexDefaults, centralMutexSettingsSchema, centralMutexTimeouts } from './settings.ts';

export const centralMutex: AlgorithmDefinition<'central-mutex', CentralMutexSettings, MutexRound> = {
  id: 'central-mutex',
  label: 'Mutual exclusion: central coordinator',
  machine: centralMutexMachine,
  settingsSchema: centralMutexSettingsSchema,
  defaults: centralMutexDefaults,
  customClocks: { offsetSpreadMs: 0, driftSpreadPpm: 0 },
  presets: [mutexCentral],
  roles: { coordinator: 'leader', ...MUTEX_ROLES },
  messageKinds: kindsOf<CentralMutexMessage>()(['REQUEST', 'GRANT', 'RELEASE']),
  reference: () => null,
  drawsClocks: false,
  topology: 'mesh',
  verbs: ['request'],
  roundTitle: 'Critical section',
  round: mutexRound,
  // One entry: REQUEST, GRANT, RELEASE; the coordinator's own entry costs nothing.
  predictedCost: (episode, settings) =>
    episode.initiators[0] === settings.coordinatorId ? { REQUEST: 0, GRANT: 0, RELEASE: 0 } : { REQUEST: 1, GRANT: 1, RELEASE: 1 },
  timeouts: centralMutexTimeouts,
  uncountedKinds: [],
  outcomes: criticalSectionOutcomes,
  monitors: [mutexMonitor],
  check: (events, _scenario, { calmFrom }) => checkMutualExclusion(events, { calmFrom }),
  fuzz: mutexFuzz((n, flip) => ({ ...centralMutexDefaults(), coordinatorId: flip ? 1 : n })),
  pseudocode: centralMutexPseudocode,
  lessons: [mutexCentralLesson],
};
