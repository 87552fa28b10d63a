// A long run's page forgets the rounds before what it keeps (ARCHITECTURE.md §10): the deriver
// drops the elections that ended before a time, keeps the latest few whatever their age, and
// numbers every election from the run's start as the unbounded derivation does.

import { describe, expect, it } from 'vitest';
import { simulateInline } from '../../hosts/inline.ts';
import { findPreset } from '../../scenarios/index.ts';
import type { Scenario, UserAction } from '../index.ts';
import { OutcomeDeriver } from './run-outcome.ts';

const bully = { ...(findPreset('bully-10') as Scenario), durationMs: 200_000 };
// P3 notices a failure every 4 s: a new election each time.
const actions: UserAction[] = Array.from({ length: 45 }, (_, i) => ({ at: 10_000 + i * 4000, type: 'notice', node: 3 }));

describe('OutcomeDeriver.forget', () => {
  it('keeps the elections since t and the latest `keep`, numbered from the run start', () => {
    const events = simulateInline(bully, 1, { actions }).events;
    const full = new OutcomeDeriver(bully.algorithm, 10);
    const bounded = new OutcomeDeriver(bully.algorithm, 10);
    for (const e of events) {
      full.push(e);
      bounded.push(e);
      // As the page does: every so often, forget what ended more than 30 s before the latest event.
      if (e.seq % 500 === 0) bounded.forget(e.t - 30_000, 3);
    }
    const all = full.outcome().elections;
    const kept = bounded.outcome().elections;
    expect(all.length).toBeGreaterThan(40);
    expect(kept.length).toBeLessThan(15);
    expect(kept.length).toBeGreaterThanOrEqual(3);
    expect(kept).toEqual(all.slice(all.length - kept.length));
    expect(kept[kept.length - 1]?.index).toBe(all.length);
  });

  it('keeps at least `keep` however old', () => {
    const events = simulateInline(bully, 1, { actions: actions.slice(0, 5) }).events;
    const d = new OutcomeDeriver(bully.algorithm, 10);
    for (const e of events) d.push(e);
    const before = d.outcome().elections;
    d.forget(Infinity, 2);
    expect(d.outcome().elections).toEqual(before.slice(-2));
  });
});
