// How the first fuzzer (src/fuzz/cases.ts) runs Bully: 3 to 9 processes, heartbeats on or off,
// notices among the faults; 6 s to settle; two coordinators may overlap for a round trip.

import type { FaultCaseSpec } from '../definition.ts';
import { judgeElection, LAN_MAX_ONE_WAY_MS, noticeWithoutHeartbeats } from '../election-fuzz.ts';
import type { BullySettings } from './machine.ts';
import { bullySettings } from './settings.ts';

export const bullyFaultCases: FaultCaseSpec<BullySettings> = {
  names: ['bully'],
  minNodes: 3,
  maxNodes: 9,
  verbs: ['notice'],
  drawsClocks: false,
  recoverAtHeal: false,
  settings: (c) => bullySettings(c.nodes, { heartbeat: c.heartbeat }),
  settleMs: () => 6000,
  closing: (c, { landed }) => noticeWithoutHeartbeats(c, landed + 2000),
  judge: (run) => judgeElection(run, 2 * LAN_MAX_ONE_WAY_MS),
};
