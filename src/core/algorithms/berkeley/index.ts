// Berkeley's algorithm, as the registry lists it.

import { BerkeleyChecker } from '../../check/clock-sync.ts';
import { type AlgorithmDefinition, kindsOf } from '../definition.ts';
import { berkeleyFaultCases } from './fuzz.ts';
import { berkeleyOutcomes } from './outcome.ts';
import { berkeleyBasicLesson, berkeleyCanteenLesson } from './lesson.ts';
import { berkeleyPseudocode } from './pseudocode.ts';
import { berkeleyMachine, type BerkeleyMessage, type BerkeleySettings } from './machine.ts';
import { berkeleyBasic, berkeleyCanteen } from './presets.ts';
import { type BerkeleyCycle, berkeleyRound } from './round.ts';
import { berkeleyDefaults, berkeleySettingsSchema, berkeleyTimeouts } from './settings.ts';

export const berkeley: AlgorithmDefinition<'berkeley', BerkeleySettings, BerkeleyCycle | null> = {
  id: 'berkeley',
  label: "Berkeley's clock sync",
  machine: berkeleyMachine,
  settingsSchema: berkeleySettingsSchema,
  defaults: berkeleyDefaults,
  customClocks: { offsetSpreadMs: 300, driftSpreadPpm: 20_000 },
  presets: [berkeleyBasic, berkeleyCanteen],
  roles: { master: 'leader', slave: 'member' },
  messageKinds: kindsOf<BerkeleyMessage>()(['POLL', 'TIME', 'ADJUST']),
  reference: (settings) => settings.masterId,
  drawsClocks: true,
  relayService: 'berkeley',
  // Each adjustment a node applies (no bound: Berkeley promises agreement, not accuracy).
  clockMarks: () => ({
    mark: (e) => (e.type === 'note' && e.topic === 'berkeley-adjust' && e.data ? { node: e.node, band: null } : null),
  }),
  topology: 'mesh',
  verbs: [],
  roundTitle: 'Berkeley cycle',
  round: berkeleyRound,
  predictedCost: () => null,
  faultCases: berkeleyFaultCases,
  timeouts: berkeleyTimeouts,
  uncountedKinds: [],
  outcomeFold: berkeleyOutcomes,
  monitors: [() => new BerkeleyChecker()],
  pseudocode: berkeleyPseudocode,
  lessons: [berkeleyBasicLesson, berkeleyCanteenLesson],
};
