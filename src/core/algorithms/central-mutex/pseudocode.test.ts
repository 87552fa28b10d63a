import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../../hosts/inline.ts';
import { currentLine } from '../../lesson/pseudocode.ts';
import { linesReached } from '../mutex-common/pseudocode-check.ts';
import { centralMutex } from './index.ts';
import { mutexCentral } from './presets.ts';

describe('central coordinator pseudocode', () => {
  const code = centralMutex.pseudocode;
  if (!code) throw new Error('no pseudocode');
  const { events } = simulateInline(mutexCentral, 1);

  it('every event maps to a real line; the preset reaches all but the repeat', () => {
    expect([...linesReached(code, events)].sort()).toEqual(
      ['enter', 'exit', 'grant', 'lease', 'on-grant', 'on-release', 'on-request', 'recover', 'request'].sort(),
    );
  });

  it('follows the run: P2 enters on its GRANT, the coordinator takes P3 grant back when the lease runs out', () => {
    const entered = events.findIndex((e) => e.type === 'note' && e.topic === 'cs-enter' && e.node === 2);
    expect(currentLine(code, events, entered + 1, 2)?.line).toBe('enter');
    const expired = events.findIndex((e) => e.type === 'note' && e.topic === 'lease-expired');
    expect(currentLine(code, events, expired + 1, 1)?.line).toBe('lease');
    // P3 crashed inside: it runs nothing until it recovers.
    const crashed = events.findIndex((e) => e.type === 'crash' && e.node === 3);
    expect(currentLine(code, events, crashed + 1, 3)).toBeNull();
  });
});
