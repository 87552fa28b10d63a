import { describe, expect, it } from 'vitest';
import { findPreset } from '../scenarios/index.ts';
import { runPreset } from './run-preset.ts';

const preset = (id: string) => {
  const scenario = findPreset(id);
  if (!scenario) throw new Error(`no preset ${id}`);
  return scenario;
};

describe('runPreset', () => {
  it('reports where bully-10 ends: 9 leads, 10 is crashed, one log line per trace event', () => {
    const run = runPreset(preset('bully-10'), 1);
    const byId = new Map(run.nodes.map((n) => [n.id, n]));
    expect(byId.get(9)).toMatchObject({ status: 'alive', role: 'coordinator', leader: 9 });
    expect(byId.get(10)).toMatchObject({ status: 'crashed', role: 'crashed', leader: null });
    for (const id of [1, 2, 3, 4, 5, 6, 7, 8]) expect(byId.get(id)).toMatchObject({ status: 'alive', leader: 9 });
    expect(run.untilMs).toBe(run.scenario.durationMs);
    expect(run.stats.byKind).toMatchObject({ ELECTION: 15, OK: 10, COORDINATOR: 8 });
    expect(run.log.length).toBeGreaterThan(run.stats.sent);
    expect(run.log.some((line) => / P10 crashed$/.test(line))).toBe(true);
  });

  it('gives the same outcome for the same seed', () => {
    const a = runPreset(preset('cristian-manipal-buddy'), 7);
    const b = runPreset(preset('cristian-manipal-buddy'), 7);
    expect(b.log).toEqual(a.log);
    expect(b.nodes).toEqual(a.nodes);
  });
});
