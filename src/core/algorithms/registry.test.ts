import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { customScenario } from '../../scenarios/custom.ts';
import { presets } from '../../scenarios/index.ts';
import { algorithmFor, algorithms } from './registry.ts';
import { runtimeFor, runtimeIds } from './runtimes.ts';

describe('the algorithm registry', () => {
  it('lists each algorithm once, under the id its machine gives', () => {
    const ids = algorithms.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of algorithms) expect(a.machine.algorithm).toBe(a.id);
  });

  it("the node runtimes' list (what a node worker loads) has every algorithm, with the same machine and timeout scaling", () => {
    expect(runtimeIds().sort()).toEqual(algorithms.map((a) => a.id).sort());
    for (const a of algorithms) {
      expect(runtimeFor(a.id)?.machine).toBe(a.machine);
      expect(runtimeFor(a.id)?.scale).toBe(a.timeouts.scale);
    }
  });

  it.each(algorithms.map((a) => [a.id, a] as const))(
    '%s: its schema accepts its defaults and its presets, and refuses nonsense',
    (_id, a) => {
      for (const n of [2, 5, 64]) expect(v.safeParse(a.settingsSchema, a.defaults(n)).issues).toBeUndefined();
      for (const p of a.presets) {
        expect(p.algorithm.id).toBe(a.id);
        expect(v.safeParse(a.settingsSchema, p.algorithm.settings).issues).toBeUndefined();
      }
      expect(v.safeParse(a.settingsSchema, { nonsense: true }).success).toBe(false);
    },
  );

  it('every preset runs a registered algorithm and ids are unique', () => {
    const ids = presets.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of presets) expect(algorithmFor(p.algorithm.id)).toBeDefined();
    expect(presets.slice(0, 6).map((p) => p.lab)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6']);
  });

  it('a custom setup of n nodes uses the definition’s defaults', () => {
    for (const a of algorithms) {
      const s = customScenario({ algorithm: a.id, nodes: 7 });
      expect(s.nodes).toHaveLength(7);
      expect(s.algorithm).toEqual({ id: a.id, settings: a.defaults(7) });
    }
  });
});
