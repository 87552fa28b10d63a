import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../../hosts/inline.ts';
import type { TraceEvent } from '../../trace.ts';
import { currentLine } from '../../lesson/pseudocode.ts';
import { linesReached } from '../mutex-common/pseudocode-check.ts';
import { ricartAgrawala } from './index.ts';
import { ricartAgrawalaPreset } from './presets.ts';

describe('Ricart–Agrawala pseudocode', () => {
  const code = ricartAgrawala.pseudocode;
  if (!code) throw new Error('no pseudocode');
  const { events } = simulateInline(ricartAgrawalaPreset, 1);

  it('every event maps to a real line, and the preset reaches every line', () => {
    expect(linesReached(code, events).size).toBe(code.lines.length);
  });

  it('follows the run: a process that defers is at "defer", and one that leaves answers what it deferred', () => {
    const deferred = events.findIndex(
      (e) => e.type === 'note' && e.topic === 'mutex-deferred' && Array.isArray(e.data?.['deferred']) && e.data['deferred'].length > 0,
    );
    const who = (events[deferred] as Extract<TraceEvent, { type: 'note' }>).node;
    expect(currentLine(code, events, deferred + 1, who)?.line).toBe('defer');
    const left = events.findIndex((e, i) => i > deferred && e.type === 'note' && e.topic === 'cs-exit' && e.node === who);
    // Leaving, it sends the REPLYs it owed, then notes it owes none.
    const after = events.findIndex((e, i) => i > left && e.type === 'note' && e.topic === 'mutex-deferred' && e.node === who);
    expect(currentLine(code, events, after + 1, who)?.line).toBe('exit');
  });
});
