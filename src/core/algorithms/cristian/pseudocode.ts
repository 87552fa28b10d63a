// Cristian's algorithm in textbook pseudocode (Cristian 1989; Tanenbaum & van Steen ch. 6;
// Coulouris §14.3.2), each line tied to the trace events that show a node running it.

import type { Pseudocode } from '../../lesson/pseudocode.ts';

export const cristianPseudocode: Pseudocode = {
  title: "Cristian's algorithm",
  source: 'Cristian 1989; Tanenbaum & van Steen ch. 6; Coulouris §14.3.2',
  lines: [
    { id: 'period', text: 'client, every period (a round of probes):', indent: 0 },
    { id: 'request', text: 'T0 := clock(); send REQUEST to server', indent: 1 },
    { id: 'on-request', text: 'server on REQUEST from c:', indent: 0 },
    { id: 'reply', text: 'send REPLY(Ts := clock()) to c', indent: 1 },
    { id: 'on-reply', text: 'client on REPLY(Ts):', indent: 0 },
    { id: 'rtt', text: 'T1 := clock(); RTT := T1 − T0; keep the probe with the smallest RTT', indent: 1 },
    { id: 'set', text: 'after the last probe: clock := Ts + RTT/2 (step or slew)', indent: 1 },
    { id: 'bound', text: 'error is within ±(RTT/2 − min)', indent: 2 },
    { id: 'lost', text: 'client, no REPLY within the timeout: the probe is lost', indent: 0 },
  ],
  lineOf(e) {
    switch (e.type) {
      case 'timer':
        if (e.key === 'sync') return 'period';
        if (e.key === 'probe-timeout') return 'lost';
        return null;
      case 'send':
        if (e.kind === 'REQUEST') return 'request';
        if (e.kind === 'REPLY') return 'reply';
        return null;
      case 'deliver':
        if (e.kind === 'REQUEST') return 'on-request';
        if (e.kind === 'REPLY') return 'rtt';
        return null;
      case 'adjust':
        return 'set';
      case 'note':
        if (e.topic === 'cristian-sync') return 'bound';
        if (e.topic === 'cristian-timeout' || e.topic === 'cristian-failed') return 'lost';
        return null;
      default:
        return null;
    }
  },
};
