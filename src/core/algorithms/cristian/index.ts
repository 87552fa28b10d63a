// Cristian's algorithm, as the registry lists it.

import { CristianBoundChecker } from '../../check/clock-sync.ts';
import { type AlgorithmDefinition, forgettable, kindsOf } from '../definition.ts';
import { cristianFaultCases } from './fuzz.ts';
import { cristianBasicLesson, cristianBuddyLesson } from './lesson.ts';
import { cristianPseudocode } from './pseudocode.ts';
import { cristianMachine, type CristianMessage, type CristianSettings } from './machine.ts';
import { cristianBasic, cristianManipalBuddy } from './presets.ts';
import { cristianSyncOutcome } from './bound.ts';
import { type CristianRound, cristianRound } from './round.ts';
import { cristianDefaults, cristianSettingsSchema, cristianTimeouts } from './settings.ts';

export const cristian: AlgorithmDefinition<'cristian', CristianSettings, CristianRound> = {
  id: 'cristian',
  label: "Cristian's clock sync",
  machine: cristianMachine,
  settingsSchema: cristianSettingsSchema,
  defaults: cristianDefaults,
  customClocks: { offsetSpreadMs: 300, driftSpreadPpm: 20_000 },
  presets: [cristianBasic, cristianManipalBuddy],
  roles: { server: 'leader', client: 'member' },
  messageKinds: kindsOf<CristianMessage>()(['REQUEST', 'REPLY']),
  reference: (settings) => settings.serverId,
  drawsClocks: true,
  relayService: 'cristian',
  // The lab's Q4 clients connect as themselves.
  relayNames: (scenario) => (scenario.id === cristianManipalBuddy.id ? ['MOBILE', 'LAPTOP'] : null),
  // Each sync, with Cristian's bound (with drift) around the server's clock.
  clockMarks: () => ({
    mark(e, clockOf) {
      if (e.type !== 'note' || e.topic !== 'cristian-sync' || !e.data) return null;
      const sync = cristianSyncOutcome(e, clockOf);
      return { node: e.node, band: sync ? { around: sync.server, halfWidthMs: sync.boundMs } : null };
    },
  }),
  topology: 'mesh',
  verbs: [],
  roundTitle: 'Cristian syncs',
  round: cristianRound,
  predictedCost: () => null,
  faultCases: cristianFaultCases,
  timeouts: cristianTimeouts,
  uncountedKinds: [],
  // Its syncs, each with Cristian's bound and its errors, as the checker reads them.
  outcomeFold: () => {
    const checker = new CristianBoundChecker();
    return {
      push: (e) => void checker.push(e),
      part: () => ({ syncs: [...checker.syncs] }),
      forget: (t, keep) =>
        void checker.syncs.splice(
          0,
          forgettable(checker.syncs, (s) => s.t < t, keep),
        ),
    };
  },
  monitors: [() => new CristianBoundChecker()],
  pseudocode: cristianPseudocode,
  lessons: [cristianBasicLesson, cristianBuddyLesson],
};
