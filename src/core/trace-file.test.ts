import { describe, expect, it } from 'vitest';
import { simulateInline } from '../hosts/inline.ts';
import { presets } from '../scenarios/index.ts';
import { exportTrace, importTrace } from './trace-file.ts';

describe('trace files', () => {
  for (const scenario of presets) {
    it(`${scenario.id}: exports and imports back unchanged`, () => {
      const { events } = simulateInline(scenario, 7);
      const text = exportTrace(scenario.id, 7, events);
      const back = importTrace(text);
      expect(back.ok).toBe(true);
      if (back.ok) expect(JSON.stringify(back.file.events)).toBe(JSON.stringify(events));
    });
  }

  it('refuses bad files with one clear message', () => {
    expect(importTrace('not json')).toMatchObject({ ok: false, error: expect.stringMatching(/^the file is not JSON/) });
    expect(importTrace('{"format":"other"}')).toMatchObject({ ok: false, error: expect.stringMatching(/^not a dslab trace: format/) });
    const { events } = simulateInline(presets[0]!, 1, { until: 3000 });
    const file = JSON.parse(exportTrace('cristian-basic', 1, events)) as { events: Record<string, unknown>[] };
    file.events[3] = { ...file.events[3], t: -5 };
    expect(importTrace(JSON.stringify(file))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not a dslab trace: events\.3\.t/),
    });
    const swapped = JSON.parse(exportTrace('cristian-basic', 1, events)) as { events: unknown[] };
    [swapped.events[5], swapped.events[6]] = [swapped.events[6], swapped.events[5]];
    expect(importTrace(JSON.stringify(swapped))).toMatchObject({ ok: false, error: expect.stringMatching(/out of order/) });
  });
});
