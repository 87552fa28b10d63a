// Mutual exclusion with a central coordinator in textbook pseudocode (Tanenbaum & van Steen
// §6.3.1; Coulouris §15.2), with the lease and the repeats this machine adds, each line tied
// to the trace events that show a process running it (machine.ts's notes, sends and timers).

import type { Pseudocode } from '../../lesson/pseudocode.ts';

export const centralMutexPseudocode: Pseudocode = {
  title: 'Central coordinator (process p, coordinator c)',
  source: 'Tanenbaum & van Steen §6.3.1; Coulouris §15.2',
  lines: [
    { id: 'request', text: 'to enter: send REQUEST to c; wait for GRANT', indent: 0 },
    { id: 'retry', text: 'if no GRANT for a while: send REQUEST again', indent: 1 },
    { id: 'on-grant', text: 'on GRANT from c:', indent: 0 },
    { id: 'enter', text: 'enter the critical section', indent: 1 },
    { id: 'exit', text: 'on leaving: send RELEASE to c', indent: 0 },
    { id: 'on-request', text: 'c, on REQUEST from q: append q to the queue', indent: 0 },
    { id: 'grant', text: 'if nobody holds the grant: send GRANT to the head of the queue', indent: 1 },
    { id: 'on-release', text: 'c, on RELEASE from the holder: the grant is free; grant the next', indent: 0 },
    { id: 'lease', text: 'c, on no RELEASE within the lease: take the grant back; grant the next', indent: 0 },
    { id: 'recover', text: 'on recovery: c grants nothing for a lease (its old grants run out)', indent: 0 },
  ],
  lineOf(e) {
    switch (e.type) {
      case 'boot':
        return e.recovered ? 'recover' : null;
      case 'timer':
        if (e.key === 'retry') return 'retry';
        if (e.key === 'lease') return 'lease';
        return null;
      case 'deliver':
        if (e.kind === 'GRANT') return 'on-grant';
        if (e.kind === 'REQUEST') return 'on-request';
        if (e.kind === 'RELEASE') return 'on-release';
        return null;
      case 'send':
        if (e.kind === 'REQUEST') return 'request';
        if (e.kind === 'GRANT') return 'grant';
        if (e.kind === 'RELEASE') return 'exit';
        return null;
      case 'note':
        if (e.topic === 'cs-request') return 'request';
        if (e.topic === 'cs-enter') return 'enter';
        if (e.topic === 'cs-exit') return 'exit';
        if (e.topic === 'lease-expired') return 'lease';
        return null;
      default:
        return null;
    }
  },
};
