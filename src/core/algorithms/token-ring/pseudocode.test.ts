import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../../hosts/inline.ts';
import type { TraceEvent } from '../../trace.ts';
import { currentLine } from '../../lesson/pseudocode.ts';
import { linesReached } from '../mutex-common/pseudocode-check.ts';
import { tokenRing } from './index.ts';
import { tokenRingPreset } from './presets.ts';

describe('token ring pseudocode', () => {
  const code = tokenRing.pseudocode;
  if (!code) throw new Error('no pseudocode');
  const { events } = simulateInline(tokenRingPreset, 1);
  const at = (topic: string): number => events.findIndex((e) => e.type === 'note' && e.topic === topic);
  const nodeAt = (i: number): number => (events[i] as Extract<TraceEvent, { type: 'note' }>).node;

  it('every event maps to a real line; the preset reaches all but a refused token and a failed claim', () => {
    const reached = linesReached(code, events);
    expect(code.lines.map((l) => l.id).filter((id) => !reached.has(id))).toEqual(['refuse', 'back']);
  });

  it('follows the run: the lost token, the fence, the regeneration, an entry', () => {
    for (const [topic, line] of [
      ['token-lost', 'claim'],
      ['token-fence', 'fence'],
      ['token-regenerated', 'regenerate'],
      ['cs-enter', 'enter'],
    ] as const) {
      const i = at(topic);
      expect(i, topic).toBeGreaterThan(0);
      // 'token-lost' is followed at once by the CLAIM it sends: the line is the claim.
      const end = topic === 'token-lost' ? events.findIndex((e, j) => j > i && e.type === 'send' && e.kind === 'CLAIM') + 1 : i + 1;
      expect(currentLine(code, events, end, nodeAt(i))?.line, topic).toBe(line);
    }
  });
});
