// NTP's pseudocode against real runs: every event it maps lands on a line it has, and the
// highlight follows what a node did (a sync, a lost request).

import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../../hosts/inline.ts';
import { currentLine } from '../../lesson/pseudocode.ts';
import { linesReached } from '../mutex-common/pseudocode-check.ts';
import { ntp } from './index.ts';
import { ntpBasic } from './presets.ts';

describe('NTP pseudocode', () => {
  const code = ntp.pseudocode;
  if (!code) throw new Error('no pseudocode');

  it('every event maps to a real line, and ntp-basic reaches every line but the failure (a delivered RESPONSE shows the θ, δ line under its heading)', () => {
    const { events } = simulateInline(ntpBasic, 1);
    expect([...linesReached(code, events)].sort()).toEqual(['bound', 'on-request', 'poll', 'request', 'respond', 'sample', 'set'].sort());
  });

  it('follows the run: a client waits on its RESPONSE, then syncs; with the server down it reaches the failure', () => {
    const { events } = simulateInline({ ...ntpBasic, actions: [{ at: 6000, type: 'crash', node: 2 }] }, 1);
    const sync = events.findIndex((e) => e.type === 'note' && e.topic === 'ntp-sync' && e.node === 3);
    expect(currentLine(code, events, sync + 1, 3)?.line).toBe('bound');
    const failed = events.findIndex((e) => e.type === 'note' && e.topic === 'ntp-timeout' && e.node === 3);
    expect(currentLine(code, events, failed + 1, 3)?.line).toBe('unsync');
  });
});
