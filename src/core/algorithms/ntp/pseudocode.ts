// NTP's client–server exchange in textbook pseudocode (RFC 5905 §8–10; Tanenbaum & van Steen
// ch. 6; Coulouris §14.3.4), each line tied to the trace events that show a node running it.

import type { Pseudocode } from '../../lesson/pseudocode.ts';

export const ntpPseudocode: Pseudocode = {
  title: 'NTP (client–server mode)',
  source: 'RFC 5905 §8–10; Tanenbaum & van Steen ch. 6; Coulouris §14.3.4',
  lines: [
    { id: 'poll', text: 'node with an upstream, every poll interval:', indent: 0 },
    { id: 'request', text: 'T1 := clock(); send REQUEST(T1) to upstream', indent: 1 },
    { id: 'on-request', text: 'on REQUEST(T1) from c:  T2 := clock()', indent: 0 },
    { id: 'respond', text: 'T3 := clock(); send RESPONSE(T1, T2, T3, my stratum) to c', indent: 1 },
    { id: 'on-response', text: 'on RESPONSE(T1, T2, T3, s):  T4 := clock()', indent: 0 },
    { id: 'sample', text: 'θ := ((T2 − T1) + (T3 − T4)) / 2;  δ := (T4 − T1) − (T3 − T2)', indent: 1 },
    {
      id: 'set',
      text: 'after the last sample: keep the one with the smallest δ; clock := clock + θ (step or slew); stratum := s + 1',
      indent: 1,
    },
    { id: 'bound', text: 'true offset within θ ± δ/2 (plus drift since)', indent: 2 },
    { id: 'unsync', text: 'no usable sample (lost, or upstream at stratum 16): clock left alone', indent: 0 },
  ],
  lineOf(e) {
    switch (e.type) {
      case 'timer':
        if (e.key === 'poll') return 'poll';
        if (e.key === 'sample-timeout') return 'unsync';
        if (e.key.startsWith('answer:')) return 'respond';
        return null;
      case 'send':
        if (e.kind === 'REQUEST') return 'request';
        if (e.kind === 'RESPONSE') return 'respond';
        return null;
      case 'deliver':
        if (e.kind === 'REQUEST') return 'on-request';
        if (e.kind === 'RESPONSE') return 'sample';
        return null;
      case 'adjust':
        return 'set';
      case 'note':
        if (e.topic === 'ntp-sync') return 'bound';
        if (e.topic === 'ntp-failed' || e.topic === 'ntp-timeout') return 'unsync';
        return null;
      default:
        return null;
    }
  },
};
