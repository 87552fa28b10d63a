// Token ring mutual exclusion, as the registry lists it. Theory: an entry waits 0 to n token
// hops (Coulouris §15.2), and the token goes round even when nobody asks, so there is no fixed
// cost per entry (predictedCost is null); the page and the CLI measure each entry's hops
// instead (tokenWaits). Its checker adds: once calm and settled, at most one token exists.

import type { AlgorithmDefinition } from '../definition.ts';
import { kindsOf } from '../definition.ts';
import { checkMutualExclusion, mutexMonitor } from '../mutex-common/critical-sections.ts';
import { mutexFuzz, MUTEX_ROLES } from '../mutex-common/fuzz.ts';
import { quietMs, tokenRingMachine, type TokenRingMessage, type TokenRingSettings } from './machine.ts';
import { tokenRingLesson } from './lesson.ts';
import { tokenRingPreset } from './presets.ts';
import { tokenRingPseudocode } from './pseudocode.ts';
import { tokenRingDefaults, tokenRingSettingsSchema, tokenRingTimeouts } from './settings.ts';
import { TokenCountChecker, tokenRingOutcomes, type TokenRound, tokenRound } from './tokens.ts';

/** When a calm run has surely settled on one token: the recovered wait out their quiet, then two circulations. */
export const settledAfter = (settings: TokenRingSettings, n: number): number => quietMs(settings, n) + 2 * settings.lostMs;

export const tokenRing: AlgorithmDefinition<'token-ring', TokenRingSettings, TokenRound> = {
  id: 'token-ring',
  label: 'Mutual exclusion: token ring',
  machine: tokenRingMachine,
  settingsSchema: tokenRingSettingsSchema,
  defaults: tokenRingDefaults,
  customClocks: { offsetSpreadMs: 0, driftSpreadPpm: 0 },
  presets: [tokenRingPreset],
  roles: { ...MUTEX_ROLES, holder: 'leader' },
  messageKinds: kindsOf<TokenRingMessage>()(['TOKEN', 'CLAIM', 'ACK', 'JOIN', 'WITHDRAW']),
  reference: () => null,
  drawsClocks: false,
  topology: 'ring',
  verbs: ['request'],
  roundTitle: 'Critical section and token',
  round: tokenRound,
  predictedCost: () => null,
  timeouts: tokenRingTimeouts,
  uncountedKinds: ['ACK'],
  outcomes: tokenRingOutcomes,
  monitors: [mutexMonitor],
  check: (events, scenario, { calmFrom }) =>
    checkMutualExclusion(events, {
      calmFrom,
      extra:
        calmFrom === null
          ? []
          : [new TokenCountChecker(calmFrom + settledAfter(scenario.algorithm.settings as TokenRingSettings, scenario.nodes.length))],
    }),
  // Links as slow as the page allows: a process recovering on a slow link waits out a quiet
  // as long as that link makes it, and the quiet is among its timeouts (settings.ts), so the
  // fuzzer's settling allows for it.
  fuzz: mutexFuzz((n) => tokenRingDefaults(n), 40_000),
  pseudocode: tokenRingPseudocode,
  lessons: [tokenRingLesson],
};
