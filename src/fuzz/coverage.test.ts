// The fuzzers' 1,000 schedules per algorithm (the property tests' fixed seed) reach every
// input a user can give: drift at both ends of ±500,000 ppm, clock steps up to ±24 h, links
// slowed past a second up to the page's maximum, lossy and cut links, whole-network loss,
// partitions and heals, crashes and recoveries a moment apart, several processes told (or
// asking) at once, and the master, server or coordinator crashing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { algorithmFor, algorithmIds, MAX_DRIFT_PPM, MAX_OFFSET_MS, type UserAction } from '../core/index.ts';
import { caseArbitrary, FUZZ_ALGORITHMS, faultCaseSpecOf } from './cases.ts';
import { fuzzableAlgorithms, registryCaseArbitrary } from './registry-cases.ts';

const RUNS = Number(process.env['DSLAB_PROPERTY_RUNS'] ?? 1000);
const SEED = Number(process.env['DSLAB_PROPERTY_SEED'] ?? 20261129);

/** How many of the schedules hold each kind of input. */
function reach(cases: readonly { faults: readonly UserAction[]; clocks?: readonly { driftPpm: number }[] }[]): Record<string, number> {
  const count: Record<string, number> = {};
  const seen = (name: string, yes: boolean): void => {
    count[name] = (count[name] ?? 0) + (yes ? 1 : 0);
  };
  for (const c of cases) {
    const f = c.faults;
    const drifts = [...f.flatMap((a) => (a.type === 'drift' ? [a.ppm] : [])), ...(c.clocks ?? []).map((k) => k.driftPpm)];
    seen('drift at +500,000 ppm', drifts.includes(MAX_DRIFT_PPM));
    seen('drift at −500,000 ppm', drifts.includes(-MAX_DRIFT_PPM));
    seen(
      'clock step over an hour',
      f.some((a) => a.type === 'offset' && Math.abs(a.offsetMs) > 3_600_000),
    );
    seen(
      'clock step of ±24 h',
      f.some((a) => a.type === 'offset' && Math.abs(a.offsetMs) === MAX_OFFSET_MS),
    );
    seen(
      'link slowed past 1 s',
      f.some((a) => a.type === 'link' && (a.patch.latencyMs ?? 0) > 1000),
    );
    seen(
      'lossy link',
      f.some((a) => a.type === 'link' && (a.patch.loss ?? 0) > 0),
    );
    seen(
      'cut link',
      f.some((a) => a.type === 'link' && a.patch.up === false),
    );
    seen(
      'network loss',
      f.some((a) => a.type === 'network' && (a.patch.loss ?? 0) > 0),
    );
    seen(
      'partition',
      f.some((a) => a.type === 'partition'),
    );
    seen(
      'heal',
      f.some((a) => a.type === 'heal'),
    );
    seen(
      'crash of node 1',
      f.some((a) => a.type === 'crash' && a.node === 1),
    );
    seen(
      'crash then recovery within 300 ms',
      f.some((a, i) => a.type === 'crash' && f.slice(i + 1).some((b) => b.type === 'recover' && b.at - a.at <= 300)),
    );
    const verbs = f.filter((a) => a.type === 'notice' || a.type === 'request');
    seen(
      'several told or asking at once',
      verbs.some((a) => verbs.filter((b) => b.at === a.at && b.node !== a.node).length > 0),
    );
  }
  return count;
}

const sample = <T>(arb: fc.Arbitrary<T>): T[] => fc.sample(arb, { numRuns: RUNS, seed: SEED });

describe('the fuzzers reach every input a user can give', () => {
  it.each(FUZZ_ALGORITHMS)('%s', (algorithm) => {
    const counts = reach(sample(caseArbitrary(algorithm)));
    const verbs = faultCaseSpecOf(algorithm).verbs.length > 0;
    for (const [what, n] of Object.entries(counts))
      if (verbs || what !== 'several told or asking at once') expect([what, n > 10]).toEqual([what, true]);
  });
  it.each(fuzzableAlgorithms(algorithmIds))('%s (registry)', (algorithm) => {
    const counts = reach(sample(registryCaseArbitrary(algorithm)));
    const spec = algorithmFor(algorithm).fuzz;
    const skip = new Set<string>();
    if ((spec?.verbs.length ?? 0) === 0) skip.add('several told or asking at once');
    for (const [what, n] of Object.entries(counts)) if (!skip.has(what)) expect([what, n > 10]).toEqual([what, true]);
  });
});
