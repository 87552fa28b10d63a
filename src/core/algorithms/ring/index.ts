// The Ring election (list variant, or Chang–Roberts), as the registry lists it. Predicted
// cost: n ELECTION and n COORDINATOR for the list variant with one initiator; ACKs apart.

import { predictedRing } from '../../derive/election-metrics.ts';
import { splitBrainMonitor } from '../../check/elections.ts';
import { type AlgorithmDefinition, kindsOf } from '../definition.ts';
import { ringFaultCases } from './fuzz.ts';
import { electionOutcomes } from '../election-outcome.ts';
import { ringLesson } from './lesson.ts';
import { ringPseudocode } from './pseudocode.ts';
import { type ElectionRound, electionRound } from '../election-round.ts';
import { ringMachine, type RingMessage, type RingSettings } from './machine.ts';
import { ring8 } from './presets.ts';
import { ringSettings, ringSettingsSchema, ringTimeouts } from './settings.ts';

export const ring: AlgorithmDefinition<'ring', RingSettings, ElectionRound | null> = {
  id: 'ring',
  label: 'Ring election',
  machine: ringMachine,
  settingsSchema: ringSettingsSchema,
  defaults: (n) => ringSettings(n, n),
  customClocks: { offsetSpreadMs: 0, driftSpreadPpm: 0 },
  presets: [ring8],
  roles: { coordinator: 'leader', candidate: 'candidate', follower: 'member' },
  messageKinds: kindsOf<RingMessage>()(['ELECTION', 'COORDINATOR', 'ELECTED', 'ACK', 'HEARTBEAT']),
  reference: () => null,
  drawsClocks: false,
  topology: 'ring',
  verbs: ['notice'],
  roundTitle: 'Election round',
  round: electionRound,
  predictedCost: (episode, settings, n) => (settings.variant === 'list' && episode.initiators.length === 1 ? predictedRing(n) : null),
  outcomeFold: (settings, n) => electionOutcomes(ring, settings, n),
  monitors: [splitBrainMonitor],
  faultCases: ringFaultCases,
  timeouts: ringTimeouts,
  uncountedKinds: ['ACK'],
  pseudocode: ringPseudocode,
  lessons: [ringLesson],
};
