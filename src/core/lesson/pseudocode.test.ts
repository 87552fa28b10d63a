import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../hosts/inline.ts';
import { presets } from '../../scenarios/index.ts';
import { algorithmFor } from '../algorithms/registry.ts';
import { currentLine, eventNode } from './pseudocode.ts';
import type { TraceEvent } from '../trace.ts';

describe('pseudocode lines follow the trace', () => {
  it.each(presets.slice(0, 6).map((p) => [p.id, p] as const))(
    '%s: every event maps to a real line, and every line but a few is reached',
    (_id, preset) => {
      const code = algorithmFor(preset.algorithm.id)?.pseudocode;
      expect(code).toBeDefined();
      if (!code) return;
      const ids = new Set(code.lines.map((l) => l.id));
      const reached = new Set<string>();
      const { events } = simulateInline(preset, 1);
      for (const e of events) {
        const line = code.lineOf(e);
        if (line === null) continue;
        expect(ids).toContain(line);
        expect(eventNode(e)).not.toBeNull();
        reached.add(line);
      }
      expect(reached.size).toBeGreaterThanOrEqual(4);
    },
  );

  it('bully-10: P5 is at "send ELECTION" right after it is told, and the default node is the last to act', () => {
    const preset = presets.find((p) => p.id === 'bully-10');
    if (!preset) throw new Error('no bully-10');
    const code = algorithmFor('bully')?.pseudocode;
    if (!code) throw new Error('no pseudocode');
    const { events } = simulateInline(preset, 1);
    const started = events.findIndex((e) => e.type === 'note' && e.topic === 'election-start' && e.node === 5);
    expect(currentLine(code, events, started + 1, 5)?.line).toBe('send-election');
    expect(currentLine(code, events, started + 1, null)).toEqual({ node: 5, line: 'send-election', index: started });
    const ok = events.findIndex((e) => e.type === 'send' && e.kind === 'OK');
    const sender = (events[ok] as Extract<TraceEvent, { type: 'send' }>).node;
    expect(currentLine(code, events, ok + 1, sender)?.line).toBe('send-ok');
    // At the end P9 has told everyone: it last ran "send COORDINATOR"; crashed P10 runs nothing.
    const last9 = currentLine(code, events, events.length, 9);
    expect(['send-coordinator', 'no-ok']).toContain(last9?.line);
    expect(currentLine(code, events, events.length, 10)).toBeNull();
  });
});
