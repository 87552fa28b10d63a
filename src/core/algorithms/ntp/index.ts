// NTP (client–server mode, one stratum-2 server between a reference and the clients), as the
// registry lists it. Predicted cost: 2 messages per sample, so 2 × samples per poll of each
// node with an upstream (a REQUEST and a RESPONSE each).

import { type AlgorithmDefinition, kindsOf } from '../definition.ts';
import { foldNtp, emptyTrack } from './bound.ts';
import { checkNtp, ntpOutcomes, NtpBoundChecker } from './check.ts';
import { ntpBasicLesson } from './lesson.ts';
import { ntpMachine, type NtpMessage, type NtpSettings } from './machine.ts';
import { ntpBasic } from './presets.ts';
import { ntpPseudocode } from './pseudocode.ts';
import { type NtpRound, ntpRound } from './round.ts';
import { ntpDefaults, ntpSettingsSchema, ntpTimeouts } from './settings.ts';

export const ntp: AlgorithmDefinition<'ntp', NtpSettings, NtpRound> = {
  id: 'ntp',
  label: 'NTP (client–server, strata)',
  machine: ntpMachine,
  settingsSchema: ntpSettingsSchema,
  defaults: ntpDefaults,
  customClocks: { offsetSpreadMs: 300, driftSpreadPpm: 20_000 },
  presets: [ntpBasic],
  roles: { reference: 'leader', server: 'candidate', client: 'member' },
  messageKinds: kindsOf<NtpMessage>()(['REQUEST', 'RESPONSE']),
  reference: (settings) => settings.referenceId,
  drawsClocks: true,
  // Each sync, with δ/2 plus the drift allowance around the clock of the node it synced to.
  clockMarks: () => {
    let track = emptyTrack;
    return {
      mark(e, clockOf) {
        const folded = foldNtp(track, e, clockOf);
        track = folded.track;
        const s = folded.sync;
        return s ? { node: s.client, band: { around: s.server, halfWidthMs: s.boundMs } } : null;
      },
    };
  },
  topology: 'mesh',
  verbs: [],
  roundTitle: 'NTP syncs',
  round: ntpRound,
  // An episode here is one poll of the node that started it.
  predictedCost: (_episode, settings) => ({ REQUEST: settings.samples, RESPONSE: settings.samples }),
  uncountedKinds: [],
  outcomes: (events) => ntpOutcomes(events),
  monitors: [() => new NtpBoundChecker()],
  check: checkNtp,
  fuzz: {
    minNodes: 2,
    maxNodes: 6,
    verbs: [],
    settings: (_n, flip) => ({
      ...ntpDefaults(),
      samples: 3,
      pollMs: 2000,
      mode: flip ? 'slew' : 'step',
      serverStartMs: 300,
      clientStartMs: 800,
    }),
    settleMs: 9000,
    afterHeal: () => [],
  },
  timeouts: ntpTimeouts,
  pseudocode: ntpPseudocode,
  lessons: [ntpBasicLesson],
};
