// The Bully election, as the registry lists it. Predicted cost: ARCHITECTURE.md §4's formula for
// an episode where every process from the noticing one up to the winner held one election.

import { predictedBully } from '../../derive/election-metrics.ts';
import { splitBrainMonitor } from '../../check/elections.ts';
import { type AlgorithmDefinition, kindsOf } from '../definition.ts';
import { bullyFaultCases } from './fuzz.ts';
import { electionOutcomes } from '../election-outcome.ts';
import { bullyLesson } from './lesson.ts';
import { bullyPseudocode } from './pseudocode.ts';
import { type ElectionRound, electionRound } from '../election-round.ts';
import { bullyMachine, type BullyMessage, type BullySettings } from './machine.ts';
import { bully10 } from './presets.ts';
import { bullySettings, bullySettingsSchema, bullyTimeouts } from './settings.ts';

export const bully: AlgorithmDefinition<'bully', BullySettings, ElectionRound | null> = {
  id: 'bully',
  label: 'Bully election',
  machine: bullyMachine,
  settingsSchema: bullySettingsSchema,
  defaults: (n) => bullySettings(n),
  customClocks: { offsetSpreadMs: 0, driftSpreadPpm: 0 },
  presets: [bully10],
  roles: { coordinator: 'leader', candidate: 'candidate', follower: 'member' },
  messageKinds: kindsOf<BullyMessage>()(['ELECTION', 'OK', 'COORDINATOR', 'HEARTBEAT']),
  reference: () => null,
  drawsClocks: false,
  topology: 'mesh',
  verbs: ['notice'],
  roundTitle: 'Election round',
  round: electionRound,
  predictedCost(episode, _settings, n) {
    const initiator = episode.initiators[0];
    const winner = episode.winners.at(-1);
    if (initiator === undefined || winner === undefined || episode.initiators.length !== winner - initiator + 1) return null;
    return predictedBully(n, initiator, winner);
  },
  outcomeFold: (settings, n) => electionOutcomes(bully, settings, n),
  monitors: [splitBrainMonitor],
  faultCases: bullyFaultCases,
  timeouts: bullyTimeouts,
  uncountedKinds: [],
  pseudocode: bullyPseudocode,
  lessons: [bullyLesson],
};
