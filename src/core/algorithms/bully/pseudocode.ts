// The Bully election in textbook pseudocode (Garcia-Molina 1982; Tanenbaum & van Steen §6.4.1),
// each line tied to the trace events that show a process running it (machine.ts's notes,
// sends and timers).

import type { Pseudocode } from '../../lesson/pseudocode.ts';

export const bullyPseudocode: Pseudocode = {
  title: 'Bully election (process p)',
  source: 'Garcia-Molina 1982; Tanenbaum & van Steen §6.4.1',
  lines: [
    { id: 'notice', text: 'on noticing the coordinator is gone, or on recovery:', indent: 0 },
    { id: 'election', text: 'election():', indent: 1 },
    { id: 'send-election', text: 'send ELECTION to every process q > p', indent: 2 },
    { id: 'wait-ok', text: 'wait T for an OK', indent: 2 },
    { id: 'no-ok', text: 'if no OK came: I am the highest alive', indent: 2 },
    { id: 'send-coordinator', text: 'send COORDINATOR to every q < p', indent: 3 },
    { id: 'on-election', text: 'on ELECTION from q < p:', indent: 0 },
    { id: 'send-ok', text: 'send OK to q', indent: 1 },
    { id: 'own-election', text: 'if not electing already: election()', indent: 1 },
    { id: 'on-ok', text: 'on OK: stop waiting for OKs; wait for COORDINATOR', indent: 0 },
    { id: 'no-coordinator', text: 'if no COORDINATOR in time: election()', indent: 1 },
    { id: 'on-coordinator', text: 'on COORDINATOR from q: coordinator := q', indent: 0 },
    { id: 'heartbeat', text: 'coordinator, every period: send HEARTBEAT to all', indent: 0 },
  ],
  lineOf(e) {
    switch (e.type) {
      case 'action':
        return e.action.type === 'notice' ? 'notice' : null;
      case 'boot':
        return e.recovered ? 'notice' : null;
      case 'note':
        if (e.topic === 'election-start') return 'send-election';
        if (e.topic === 'elected') return 'no-ok';
        return null;
      case 'send':
        if (e.kind === 'ELECTION') return 'send-election';
        if (e.kind === 'OK') return 'send-ok';
        if (e.kind === 'COORDINATOR') return 'send-coordinator';
        if (e.kind === 'HEARTBEAT') return 'heartbeat';
        return null;
      case 'deliver':
        if (e.kind === 'ELECTION') return 'on-election';
        if (e.kind === 'OK') return 'on-ok';
        if (e.kind === 'COORDINATOR') return 'on-coordinator';
        return null;
      case 'timer':
        if (e.key === 'ok-timeout') return 'no-ok';
        if (e.key === 'coordinator-timeout') return 'no-coordinator';
        if (e.key === 'heartbeat-watch') return 'notice';
        return null;
      case 'role':
        return e.role === 'candidate' ? 'wait-ok' : null;
      default:
        return null;
    }
  },
};
